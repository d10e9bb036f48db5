#!/usr/bin/env node
// Lint BPMN files with bpmnlint's recommended rule set, as `bpmnlint` with a default
// .bpmnlintrc ({"extends": "bpmnlint:recommended"}) would.
//
//   node tests/js/lint_check.mjs a.bpmn b.bpmn
//   find DIR -name '*.bpmn' | node tests/js/lint_check.mjs -
//
// Output: one JSON line per file, in input order:
//   {"file": "a.bpmn", "error": null,
//    "reports": [{"rule": "label-required", "id": "Task_1", "message": "Element is missing label/name",
//                 "category": "error"}, ...]}
// "category" is "error", "warn", "info" or "rule-error" (a rule crashed). Reports are
// sorted by rule, id, message. When bpmn-moddle cannot import the file at all, "error"
// holds its message and "reports" is empty; import warnings are not repeated here (see
// moddle_check.mjs).

import { createRequire } from 'node:module';

import { BpmnModdle } from 'bpmn-moddle';

import { byCodePoint, collectPaths, emit, normaliseMessage, readXmlText } from './common.mjs';

// Resolve bpmnlint and its configs/rules from this folder's node_modules, not from the
// caller's working directory (the default of NodeResolver).
const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const CONFIG = { extends: 'bpmnlint:recommended' };

const resolver = new NodeResolver({ require });

/**
 * @param {string} file
 */
async function check(file) {
  let xml;
  try {
    xml = await readXmlText(file);
  } catch (err) {
    return { file, error: `cannot read file: ${normaliseMessage(err.message)}`, reports: [] };
  }
  let root;
  try {
    ({ rootElement: root } = await new BpmnModdle().fromXML(xml));
  } catch (err) {
    return { file, error: normaliseMessage(err && err.message !== undefined ? err.message : err), reports: [] };
  }
  // A new Linter per file, as the bpmnlint CLI does: a Linter keeps its rule instances,
  // and some rules (no-duplicate-sequence-flows) keep state across lint() calls.
  const linter = new Linter({ config: CONFIG, resolver });
  const results = await linter.lint(root);
  const reports = [];
  for (const [rule, items] of Object.entries(results)) {
    for (const item of items) {
      reports.push({
        rule,
        id: item.id ?? null,
        message: String(item.message),
        category: item.category,
      });
    }
  }
  reports.sort(
    (a, b) =>
      byCodePoint(a.rule, b.rule) ||
      byCodePoint(String(a.id), String(b.id)) ||
      byCodePoint(a.message, b.message),
  );
  return { file, error: null, reports };
}

const paths = await collectPaths(process.argv.slice(2));
for (const file of paths) {
  await emit(await check(file));
}
