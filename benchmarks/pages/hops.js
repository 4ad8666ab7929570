// The page of benchmarks/hops.py: one listener of 'e', and a flag once it is registered.
window.got = 0;
window.__TAURI__.event.listen('e', () => { window.got += 1; }).then(() => { window.ready = true; });
