// A client asks the same thing again and again: its role, its session name, its very request body.
// The journal and the session list keep ten thousand requests' worth of such text, and a fresh copy
// per request lived long enough to be copied twice by the young-generation collector and then
// cleaned out of the old one. Kept through RepeatedText, a repeat costs one comparison, and its
// new copy dies young.

/** Per kept field: the text kept last, handed back for a new text that equals it. */
export class RepeatedText {
  #last: string | undefined;

  keep(text: string): string;
  keep(text: string | undefined): string | undefined;
  keep(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    const last = this.#last;
    if (text === last) return last;
    this.#last = text;
    return text;
  }
}
