/** The one export of the `stopword` package the book uses (the package ships no types). */
declare module 'stopword' {
  /** English stop words (108 words; "no" and "not" are not among them). */
  export const eng: string[];
}
