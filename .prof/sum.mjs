import fs from 'node:fs';
const f = process.argv[2]; const p = JSON.parse(fs.readFileSync(f));
const self = new Map(); const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = new Map(); p.samples.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
let total = 0;
for (const n of p.nodes) { const t = dt.get(n.id) ?? 0; total += t; const cf = n.callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t); }
// by file
const byFile = new Map(); for (const n of p.nodes) { const t = dt.get(n.id) ?? 0; const u = n.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(/.*\/main\//, ''); const k = u.startsWith('nm/') ? u.split('/').slice(0, u.includes('@') ? 3 : 2).join('/') : u || n.callFrame.functionName; byFile.set(k, (byFile.get(k) ?? 0) + t); }
console.log('total ms', (total / 1000).toFixed(0));
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
console.log('--- by file');
console.log([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
