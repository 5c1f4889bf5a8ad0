// Loads a Cytoscape.js elements file with the real cytoscape package (headless) and prints what
// it holds as JSON, for tests/roundtrip/test_exports.py to compare with the graph's own.
//   node cytoscape_check.js FILE.cyjs
// Cytoscape.js throws on an edge to a missing node or on an id used twice, so loading at all is
// part of the check.
'use strict';
const fs = require('fs');
const path = require('path');
const cytoscape = require(path.join(__dirname, 'node_modules', 'cytoscape'));

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({headless: true, styleEnabled: false, elements: doc.elements});
const nodes = cy.nodes().map((n) => ({id: n.id(), label: n.data('label'), kind: n.data('kind')}));
const edges = cy.edges().map((e) => ({
  id: e.id(), source: e.source().id(), target: e.target().id(),
  cameo: e.data('cameo'), count: e.data('count'), evidence: e.data('evidence'),
}));
process.stdout.write(JSON.stringify({nodes, edges}));
