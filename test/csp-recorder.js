// Loaded before anything else in the CSP test page: records every violation from the start.
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
});
