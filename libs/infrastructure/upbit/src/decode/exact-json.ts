import { ProtocolError } from '@trader/application';

// A JSON string literal, or a JSON number literal outside of strings. Matching strings whole keeps
// digits inside them (dates, market names, messages) out of the second alternative.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);

function quoteNumber(token: string): string {
  return token.charCodeAt(0) === 34 ? token : `"${token}"`;
}

/**
 * Whether every number in `text` survives `JSON.parse` exactly: at most 15 significant digits for a
 * decimal (a double round-trips any such literal to the same shortest text), or a safe integer.
 * Digit runs inside strings can only make this answer "no", which costs time, never exactness.
 */
function doublesAreExact(text: string): boolean {
  // One pass over the text, measuring runs of digits and dots: only a run of 15+ characters can
  // hold more than a double keeps. A plain loop: this runs on every WebSocket frame.
  let runStart = -1;
  let dots = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if ((c >= 48 && c <= 57) || (c === 46 && runStart >= 0)) {
      if (runStart < 0) runStart = i;
      if (c === 46) dots += 1;
      continue;
    }
    if (runStart >= 0 && i - runStart >= 15 && !runFitsDouble(text.slice(runStart, i), dots)) return false;
    runStart = -1;
    dots = 0;
  }
  return true;
}

function runFitsDouble(run: string, dots: number): boolean {
  if (dots > 0) return run.length - dots <= 15;
  return run.length < MAX_SAFE.length || (run.length === MAX_SAFE.length && run <= MAX_SAFE);
}

/**
 * Parses JSON so that no number loses a digit. Upbit sends quotation values as JSON numbers
 * (`"atp24h": 123456789012.12345678`), which `JSON.parse` would round to a double. Frames whose
 * numbers all fit a double exactly (most of them) take the native parser; the others are parsed with
 * every number kept as its literal text. Field readers accept both and build exact decimals.
 */
export function parseExactJson(text: string, what: string): unknown {
  try {
    return JSON.parse(doublesAreExact(text) ? text : text.replace(TOKEN, quoteNumber));
  } catch {
    throw new ProtocolError(what, text, 'a JSON document');
  }
}
