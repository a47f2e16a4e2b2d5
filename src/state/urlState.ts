/**
 * Widget state in the page's query string, so a link reproduces what the reader saw. Each widget
 * owns one parameter (named after its id, so several widgets on a page never clash); its value is
 * base64url-encoded JSON. Writes use history.replaceState — the reader's Back button should leave
 * the page, not undo every weight they dragged — and are throttled, since a drag changes the
 * state sixty times a second. The value codec itself is pure and lives in engine/jsonParam.ts;
 * the per-widget schemas that validate it in engine/linkSchema.ts.
 */
import { useState } from 'react';
import type { LinkCodec, LinkProblem } from '../engine/linkSchema';

export function readQueryParam(name: string): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get(name);
}

/** Sets (or with null removes) one parameter, keeping the path, the other parameters and the hash. */
export function writeQueryParam(name: string, value: string | null): void {
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  const next = url.pathname + url.search + url.hash;
  if (next !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.replaceState(window.history.state, '', next);
  }
}

export interface UrlParamWriter {
  /**
   * Writes the value within `interval` ms; later values replace earlier ones not yet written. A
   * function is called only when the write happens, so encoding costs once per write, not per change.
   */
  schedule(value: string | null | (() => string | null)): void;
  /** Writes the pending value now (at the end of a drag, before leaving), and ends a hold. */
  flush(): void;
  /** Stops timed writes until the next flush: a drag writes its result once, at its end. */
  hold(): void;
  /** Drops the pending value and stops writing (on unmount). */
  dispose(): void;
}

/**
 * A throttled writer for one parameter. It only writes while the page is still the one it was
 * made on: a write that lands after the reader moved to another chapter would tack this widget's
 * state onto that chapter's URL.
 */
export function createUrlParamWriter(name: string, interval = 200): UrlParamWriter {
  const path = window.location.pathname;
  let pending: { value: string | null | (() => string | null) } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let held = false;

  const flush = () => {
    held = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!pending || disposed) return;
    const { value } = pending;
    pending = null;
    if (window.location.pathname === path) writeQueryParam(name, typeof value === 'function' ? value() : value);
  };

  return {
    schedule(value) {
      if (disposed) return;
      pending = { value };
      if (!held) timer ??= setTimeout(flush, interval);
    },
    flush,
    hold() {
      held = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    dispose() {
      flush();
      disposed = true;
    },
  };
}

/** What a widget hands its shell for "Copy link to this state" and the bad-link note. */
export interface WidgetLink {
  /** The query parameter (the widget's storage key or id; unique on its page), also the anchor id. */
  param: string;
  /** The current state, encoded by the widget's schema. */
  encode: () => string;
  /** Why the link this page was opened with was ignored, if it was. */
  note: LinkNote | null;
}

/** Why a widget ignored its link; the shell shows it. */
export interface LinkNote {
  problem: LinkProblem;
  detail: string;
}

export interface LinkRead<T> {
  /** The linked state, or null when there was no link or it could not be read. */
  value: T | null;
  note: LinkNote | null;
}

/** Reads and validates the widget's parameter; a bad one gives no value and a note. */
export function readLink<T>(param: string, codec: LinkCodec<T>): LinkRead<T> {
  const text = readQueryParam(param);
  if (text === null) return { value: null, note: null };
  const decoded = codec.decode(text);
  return decoded.problem === null ? { value: decoded.value, note: null } : { value: null, note: { problem: decoded.problem, detail: decoded.detail } };
}

/** readLink once, when the widget mounts: later URL changes are the widget's own writes. */
export function useLinkOnce<T>(param: string, codec: LinkCodec<T>): LinkRead<T> {
  const [read] = useState(() => readLink(param, codec));
  return read;
}

/**
 * The address of this page with one widget's state in its parameter and the widget as the
 * target (#param), so opening it scrolls there. Other parameters (other widgets' links) stay.
 * With `encoded` null (a widget with no state of its own) the link is only the anchor.
 */
export function linkTo(param: string, encoded: string | null): string {
  const url = new URL(window.location.href);
  if (encoded !== null) url.searchParams.set(param, encoded);
  url.hash = `#${param}`;
  return url.href;
}

/**
 * Where a widget starts when its page was opened with a link: the linked state; the defaults
 * when the link could not be read (the reader asked for a shared state, not whatever this
 * browser saved); null without a link, so the saved copy stands.
 */
export function linkedStart<T>(read: LinkRead<T>, defaults: T): T | null {
  return read.value ?? (read.note ? defaults : null);
}
