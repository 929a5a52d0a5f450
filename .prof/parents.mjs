import fs from 'node:fs';
const [f, name] = process.argv.slice(2); const p = JSON.parse(fs.readFileSync(f));
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map(); p.samples.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
// inclusive time
const incl = new Map(); const inc = (id) => { if (incl.has(id)) return incl.get(id); const n = byId.get(id); let t = dt.get(id) ?? 0; for (const c of n.children ?? []) t += inc(c); incl.set(id, t); return t; };
let total = 0; for (const n of p.nodes) total += dt.get(n.id) ?? 0;
const chains = new Map();
for (const n of p.nodes) if (n.callFrame.functionName === name) { let id = parent.get(n.id); const ch = []; for (let k = 0; k < 6 && id; k++) { const q = byId.get(id).callFrame; ch.push(`${q.functionName||'anon'}@${q.url.split('/').pop()}:${q.lineNumber}`); id = parent.get(id); } const key = ch.join(' < '); chains.set(key, (chains.get(key) ?? 0) + inc(n.id)); }
console.log([...chains].sort((a,b)=>b[1]-a[1]).slice(0,8).map(([k,v])=>`${(100*v/total).toFixed(2)}% ${k}`).join('\n'));
