// "Search on the map": turns the area form into a Leaflet map (served from the package, loaded only
// when the panel opens). Draw the area with the mouse, or pan and zoom and take the view; the four
// coordinates of the form follow, and submitting it searches. Without this script the form works
// the same with typed coordinates.
const host = document.getElementById('search-map');
const panel = host?.closest('details');
let started = false;

function field(name) {
  return document.getElementById(`area-${name}`);
}

function setArea(bounds) {
  const round = (n) => Math.round(n * 1000) / 1000;
  field('west').value = round(Math.max(-180, bounds.getWest()));
  field('south').value = round(Math.max(-90, bounds.getSouth()));
  field('east').value = round(Math.min(180, bounds.getEast()));
  field('north').value = round(Math.min(90, bounds.getNorth()));
}

function addStylesheet(href) {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  document.head.append(link);
}

async function start() {
  if (started || !host) return;
  started = true;
  addStylesheet('/static/leaflet/leaflet.css');
  const L = await import('/static/leaflet/leaflet-src.esm.js');
  host.hidden = false;
  document.getElementById('map-search-help').hidden = false;
  const tiles = host.dataset.tiles;
  // The bundled outline is plate carrée: drawn as an image over the whole earth in EPSG:4326.
  const map = L.map(host, tiles ? { worldCopyJump: true } : { crs: L.CRS.EPSG4326, maxBounds: [[-90, -180], [90, 180]], minZoom: 0, maxZoom: 10 });
  if (tiles) L.tileLayer(tiles, { attribution: host.dataset.attribution, maxZoom: 18 }).addTo(map);
  else L.imageOverlay('/static/map/world.svg', [[-90, -180], [90, 180]], { alt: '' }).addTo(map);
  const results = JSON.parse(host.dataset.results || '[]');
  for (const result of results) {
    L.rectangle([[result.box.south, result.box.west], [result.box.north, result.box.east]], { color: '#6a6af4', weight: 1, fillOpacity: 0.1 }).bindTooltip(result.title).addTo(map);
  }
  const [west, south, east, north] = (host.dataset.area || '').split(',').map(Number);
  let drawn = null;
  if (host.dataset.area) {
    drawn = L.rectangle([[south, west], [north, east]], { color: '#000091', weight: 2, fillOpacity: 0.15 }).addTo(map);
    map.fitBounds(drawn.getBounds(), { padding: [20, 20], maxZoom: 8 });
  } else map.fitWorld();

  // Drawing: while the button is pressed, a drag draws the area instead of panning the map.
  const drawButton = document.getElementById('map-draw');
  let drawing = false;
  let origin = null;
  const setDrawing = (on) => {
    drawing = on;
    drawButton.setAttribute('aria-pressed', String(on));
    host.classList.toggle('map-search__map--drawing', on);
    if (on) map.dragging.disable();
    else map.dragging.enable();
  };
  document.getElementById('map-tools').hidden = false;
  drawButton.addEventListener('click', () => setDrawing(!drawing));
  map.on('mousedown', (event) => {
    if (!drawing) return;
    origin = event.latlng;
    drawn?.remove();
    drawn = L.rectangle(L.latLngBounds(origin, origin), { color: '#000091', weight: 2, fillOpacity: 0.15 }).addTo(map);
  });
  map.on('mousemove', (event) => {
    if (drawing && origin) drawn.setBounds(L.latLngBounds(origin, event.latlng));
  });
  map.on('mouseup', () => {
    if (!drawing || !origin) return;
    origin = null;
    setArea(drawn.getBounds());
    setDrawing(false);
  });

  const viewButton = document.getElementById('map-view');
  viewButton.addEventListener('click', () => {
    drawn?.remove();
    drawn = L.rectangle(map.getBounds(), { color: '#000091', weight: 2, fillOpacity: 0.05 }).addTo(map);
    setArea(map.getBounds());
  });
  host.dispatchEvent(new CustomEvent('map-ready'));
  window.searchMap = map;
}

if (panel) {
  if (panel.open) start();
  panel.addEventListener('toggle', () => panel.open && start());
}
