#!/usr/bin/env node
// Import BPMN files with bpmn-moddle (the parser behind bpmn.io / Camunda Modeler) and
// report, per file, whether the import succeeded and which warnings it raised.
//
//   node tests/js/moddle_check.mjs a.bpmn b.bpmn
//   find DIR -name '*.bpmn' | node tests/js/moddle_check.mjs -
//
// Output: one JSON line per file, in input order:
//   {"file": "a.bpmn", "ok": true, "error": null, "warnings": ["unresolved reference <X>"]}
// "ok" is false when fromXML rejected the document (or the file could not be read);
// "error" then holds the message. "warnings" are message texts without line/column
// details, sorted, duplicates kept, so an original file and a rewritten copy of it can
// be compared directly.

import { BpmnModdle } from 'bpmn-moddle';

import { byCodePoint, collectPaths, emit, normaliseMessage, readXmlText } from './common.mjs';

/**
 * @param {string} file
 */
async function check(file) {
  let xml;
  try {
    xml = await readXmlText(file);
  } catch (err) {
    return { file, ok: false, error: `cannot read file: ${normaliseMessage(err.message)}`, warnings: [] };
  }
  // A fresh instance per file (about 1 ms) keeps files from influencing each other.
  const moddle = new BpmnModdle();
  try {
    const { warnings = [] } = await moddle.fromXML(xml);
    return { file, ok: true, error: null, warnings: normaliseWarnings(warnings) };
  } catch (err) {
    const warnings = (err && err.warnings) || [];
    return {
      file,
      ok: false,
      error: normaliseMessage(err && err.message !== undefined ? err.message : err),
      warnings: normaliseWarnings(warnings),
    };
  }
}

/**
 * @param {Array<{message?: string}>} warnings
 * @returns {string[]}
 */
function normaliseWarnings(warnings) {
  return warnings.map((w) => normaliseMessage(w && w.message !== undefined ? w.message : w)).sort(byCodePoint);
}

const paths = await collectPaths(process.argv.slice(2));
for (const file of paths) {
  await emit(await check(file));
}
