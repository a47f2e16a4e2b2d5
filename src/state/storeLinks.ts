/**
 * Links for widget state that lives in a store holding more than that widget's settings: a lab's
 * store shared by several widgets (the MNIST, char-LM and sentiment chapters), or a widget's own
 * store that also keeps a worker and its answers (the layer playground). A StoreLink says which
 * part of the store's state one widget's link carries and how a linked state goes back in.
 *
 * The provider that makes the store reads the links of the widgets it hosts once, before the
 * store exists (useStoreLinks), and gives the store one patch to start from as its `init`. The
 * store applies it after reading its saved copy, so a link wins, and before anything loads, so a
 * lab loads the linked model the first time rather than the saved one and then another. Each
 * hosted widget gets its shell link from useStoreLink. Settings stores (settingsStore.ts) do the
 * same for their whole state with their own `Linked`.
 */
import { type ReactNode, createContext, createElement, useContext, useState } from 'react';
import type { StoreApi } from 'zustand';
import type { LinkCodec } from '../engine/linkSchema';
import { type LinkNote, type WidgetLink, linkedStart, readLink } from './urlState';

export interface StoreLink<S, T> {
  /** The widget's query parameter and anchor; unique on its page. */
  param: string;
  codec: LinkCodec<T>;
  /** Where a link that cannot be read starts: the store's own first values for these fields. */
  defaults: T;
  /** The part of the store's state the link carries. */
  pick(state: S): T;
  /** The store fields that put a linked state in place. */
  patch(value: T): Partial<S>;
}

/** The links a store hosts carry different parts of it (methods, so any StoreLink<S, T> fits). */
type AnyStoreLink<S> = StoreLink<S, unknown>;

export interface StoreLinksRead<S> {
  /** One patch for the new store from every link of the page, or undefined when there was none. */
  start: Partial<S> | undefined;
  /** Why a widget's link was ignored, by its parameter. */
  notes: Readonly<Record<string, LinkNote>>;
}

export function readStoreLinks<S>(links: readonly AnyStoreLink<S>[]): StoreLinksRead<S> {
  let start: Partial<S> | undefined;
  const notes: Record<string, LinkNote> = {};
  for (const link of links) {
    const read = readLink(link.param, link.codec);
    const value = linkedStart(read, link.defaults);
    if (value !== null) start = { ...start, ...link.patch(value) };
    if (read.note) notes[link.param] = read.note;
  }
  return { start, notes };
}

/** readStoreLinks once, when the provider mounts: later URL changes are not links being opened. */
export function useStoreLinks<S>(links: readonly AnyStoreLink<S>[]): StoreLinksRead<S> {
  const [read] = useState(() => readStoreLinks(links));
  return read;
}

const Notes = createContext<Readonly<Record<string, LinkNote>>>({});

/** Hands the notes of useStoreLinks to the hosted widgets' shells (an outer provider's notes stay). */
export function LinkNotes({ notes, children }: { notes: Readonly<Record<string, LinkNote>>; children?: ReactNode }) {
  const outer = useContext(Notes);
  return createElement(Notes.Provider, { value: { ...outer, ...notes } }, children);
}

/** What a hosted widget hands its shell: "Copy link to this state" encodes the store's part now. */
export function useStoreLink<S, T>(api: StoreApi<S>, link: StoreLink<S, T>): WidgetLink {
  const notes = useContext(Notes);
  return { param: link.param, note: notes[link.param] ?? null, encode: () => link.codec.encode(link.pick(api.getState())) };
}

/** A scoped store's `seed` for the start useStoreLinks read: runs after the saved copy was merged. */
export function seedFromLinks<S>(store: StoreApi<S>, start: Partial<S> | undefined): void {
  if (start) store.setState(start);
}
