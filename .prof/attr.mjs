import fs from 'node:fs';
const f = process.argv[2]; const p = JSON.parse(fs.readFileSync(f));
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map(); p.samples.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
const agg = new Map(); let total = 0;
for (const [id, t] of dt) { const n = byId.get(id); if (n.callFrame.functionName === '(idle)') continue; total += t;
  let cur = id; let key = null;
  while (cur) { const cf = byId.get(cur).callFrame; if (cf.url.includes('/main/core/') || cf.url.includes('/main/.prof/') || cf.url.includes('/main/bench/')) { key = `${cf.functionName||'anon'} ${cf.url.replace(/.*\/main\//,'')}`; break; } cur = parent.get(cur); }
  key ??= `[no core frame] ${n.callFrame.functionName}`;
  agg.set(key, (agg.get(key) ?? 0) + t); }
console.log('busy ms', (total/1000).toFixed(0));
console.log([...agg].sort((a,b)=>b[1]-a[1]).slice(0,45).map(([k,v])=>`${(100*v/total).toFixed(1)}% ${k}`).join('\n'));
