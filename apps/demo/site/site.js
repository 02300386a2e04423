// Keeps the access link's #t=<token> when the visitor switches language, so the tracker
// on the other page still knows whose project to show. (The only script the site has.)
for (const link of document.querySelectorAll('a[data-keep-hash]')) {
  link.addEventListener('click', () => {
    link.hash = location.hash
  })
}
