/** ANSI styling for the terminal summary; every function is the identity when colour is off. */

/** Text styles the terminal renderer uses. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain: TextStyle = {
  bold: (text) => text,
  dim: (text) => text,
  red: (text) => text,
  green: (text) => text,
  yellow: (text) => text,
  cyan: (text) => text,
};

const coloured: TextStyle = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

/** Returns ANSI styles when `color` is true, else styles that leave text unchanged. */
export function createTextStyle(color: boolean): TextStyle {
  return color ? coloured : plain;
}

/** Matches ANSI SGR sequences (to measure the visible width of styled text). */
const ansiPattern = /\u001b\[[0-9;]*m/g;

/** Removes ANSI colour sequences from text. */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}

/** Styles a run or journal status: green for success, red for failure, yellow for unfinished. */
export function styleStatus(style: TextStyle, status: string): string {
  switch (status) {
    case 'succeeded':
    case 'applied':
    case 'ok':
      return style.green(status);
    case 'failed':
    case 'tampered':
      return style.red(status);
    case 'running':
    case 'interrupted':
    case 'pending':
      return style.yellow(status);
    default:
      return style.cyan(status);
  }
}
