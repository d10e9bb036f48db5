// Shared helpers for the Node-side test harness (moddle_check.mjs, lint_check.mjs).
//
// Both scripts take BPMN file paths as arguments; the argument "-" stands for a list of
// paths read from standard input, one per line. They print one JSON object per file on
// its own line, in input order, and exit 0 even when some files fail to import (the
// failure is part of the JSON line). Exit 2 means the scripts were used wrongly.

import { readFile } from 'node:fs/promises';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') {
    process.exit(0);
  }
  throw err;
});

/**
 * Collect the file paths from argv, expanding "-" into the lines read from stdin.
 *
 * @param {string[]} argv arguments after the script name
 * @returns {Promise<string[]>}
 */
export async function collectPaths(argv) {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    const usage = 'usage: node SCRIPT FILE.bpmn... (use "-" to read paths from stdin, one a line)\n';
    process.stderr.write(usage);
    process.exit(argv.length === 0 ? 2 : 0);
  }
  const paths = [];
  for (const arg of argv) {
    if (arg === '-') {
      const text = await readStdin();
      for (const line of text.split(/\r?\n/)) {
        if (line.trim() !== '') {
          paths.push(line.trim());
        }
      }
    } else {
      paths.push(arg);
    }
  }
  return paths;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const DECL_ENCODING = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/;

/**
 * Read a file and decode it as text the way an XML parser would: honour a byte order
 * mark, else the encoding in the XML declaration (when Node knows it), else UTF-8.
 * The BOM is dropped. bpmn-moddle itself only takes a string.
 *
 * @param {string} path
 * @returns {Promise<string>}
 */
export async function readXmlText(path) {
  const bytes = await readFile(path);
  let encoding = 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
  } else if (!(bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const head = bytes.subarray(0, 200).toString('latin1');
    const match = DECL_ENCODING.exec(head);
    if (match) {
      encoding = match[1].toLowerCase();
    }
  }
  let decoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/**
 * Normalise a bpmn-moddle warning or error message to text that does not depend on
 * where in the file the problem sits: drop the "line: N" / "column: N" lines and fold
 * the remaining lines into one.
 *
 * @param {unknown} message
 * @returns {string}
 */
export function normaliseMessage(message) {
  return String(message)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(line|column): *\d+$/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Write one JSON line, waiting when stdout's buffer is full (keeps memory flat for
 * large batches and works when stdout is a pipe).
 *
 * @param {object} record
 */
export async function emit(record) {
  const ok = process.stdout.write(JSON.stringify(record) + '\n');
  if (!ok) {
    await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

/**
 * Compare two strings by code point (locale-independent, stable across machines).
 *
 * @param {string} a
 * @param {string} b
 */
export function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
