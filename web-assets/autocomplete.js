// Autocomplete for the catalogue's search boxes, as you type: thesaurus concepts and titles from the
// GraphQL API's `suggest`, offered in the page's <datalist> (native, accessible). Without this
// script the boxes work the same, without suggestions.
// Scripts run: the tabs can hide their other panels (catalogue.css shows them all otherwise).
document.documentElement.classList.add('catalogue-js');
const list = document.getElementById('search-suggestions');
const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
const query = 'query Suggest($prefix: String!, $lang: Lang) { suggest(prefix: $prefix, lang: $lang, first: 8) { kind label } }';
let timer;
let asked = '';

async function suggest(text) {
  // The last word is completed; the words before it stay as typed.
  const match = /^(.*?)(\S{2,})$/u.exec(text);
  if (!list || !match || text === asked) return;
  asked = text;
  const [, head, prefix] = match;
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { prefix, lang } }) });
  if (!response.ok || text !== asked) return;
  const { data } = await response.json();
  const labels = [...new Set((data?.suggest ?? []).map((s) => s.label))];
  list.replaceChildren(...labels.map((label) => Object.assign(document.createElement('option'), { value: `${head}${label}` })));
}

for (const input of document.querySelectorAll('input[list="search-suggestions"]')) {
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest(input.value), 120);
  });
}
