// A window's own user agent (Tauri's window option `userAgent`), for navigator.userAgent and
// navigator.appVersion: Qt's user agent is the profile's, which every window shares. The HTTP
// header is set by the page's request interceptor (app/web/useragent.py). Evaluated as an
// expression: a function that the app calls with the agent string.
(agent) => {
  const appVersion = agent.startsWith('Mozilla/') ? agent.slice('Mozilla/'.length) : agent;
  // On the prototype, where the browser defines them, so that the page sees ordinary getters.
  for (const [name, value] of [['userAgent', agent], ['appVersion', appVersion]]) {
    Object.defineProperty(Navigator.prototype, name, {
      get() { return value; },
      configurable: true,
      enumerable: true,
    });
  }
}
