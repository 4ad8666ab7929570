// A script of the app's own origin: the policy allows it in every document type.
window.externalRan = true;
