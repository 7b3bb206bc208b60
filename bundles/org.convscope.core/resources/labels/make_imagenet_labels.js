#!/usr/bin/env node
// Regenerates imagenet.txt (the 1000 ImageNet-1k class names, one per line, in class-index order
// 0..999) from the IMAGENET_CLASSES table shipped by the npm package @tensorflow-models/mobilenet.
//
//   npm pack @tensorflow-models/mobilenet@2.1.1 && tar xzf tensorflow-models-mobilenet-2.1.1.tgz
//   node make_imagenet_labels.js package            # writes imagenet.txt beside this script
//
// Each entry of that table is a WordNet synset's synonyms ("tabby, tabby cat"); we keep the first
// synonym only, which is the name Keras's decode_predictions shows (with spaces, not underscores).
'use strict';
const fs = require('fs');
const path = require('path');

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: node make_imagenet_labels.js <folder of @tensorflow-models/mobilenet>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const { IMAGENET_CLASSES } = require(path.resolve(pkgDir, 'dist', 'imagenet_classes.js'));

const names = [];
for (let i = 0; i < 1000; i++) {
  const entry = IMAGENET_CLASSES[i];
  if (typeof entry !== 'string') {
    throw new Error(`class ${i} missing in ${pkg.name}@${pkg.version}`);
  }
  names.push(entry.split(',')[0].trim());
}
if (Object.keys(IMAGENET_CLASSES).length !== 1000) {
  throw new Error(`expected 1000 classes, found ${Object.keys(IMAGENET_CLASSES).length}`);
}
const expected = { 0: 'tench', 1: 'goldfish', 281: 'tabby', 999: 'toilet tissue' };
for (const [i, name] of Object.entries(expected)) {
  if (names[i] !== name) throw new Error(`class ${i}: expected "${name}", got "${names[i]}"`);
}
const out = path.join(__dirname, 'imagenet.txt');
fs.writeFileSync(out, names.join('\n') + '\n');
console.log(`wrote ${out}: ${names.length} names from ${pkg.name}@${pkg.version} (${pkg.license})`);
