// Draws search results on a small map. The page is complete without it:
// this only adds a picture of where the results are. Points are drawn on
// a plain background; map tiles, when configured and reachable, are laid
// underneath.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var src = document.getElementById("map-data");
  if (!box || !src) return;
  var data;
  try { data = JSON.parse(src.textContent); } catch (e) { return; }
  if (!data.points || data.points.length === 0) return;

  var NS = "http://www.w3.org/2000/svg";
  var W = 600, H = 360, PAD = 24;
  // Web Mercator, so tiles and points share one projection.
  function project(lat, lon, z) {
    var s = 256 * Math.pow(2, z);
    var x = (lon + 180) / 360 * s;
    var r = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    return [x, (1 - r / Math.PI) / 2 * s];
  }
  var pts = data.points.slice();
  if (data.center) pts.push({ lat: data.center.lat, lon: data.center.lon });
  var z = 16, a, b;
  for (; z > 1; z--) {
    a = [Infinity, Infinity]; b = [-Infinity, -Infinity];
    pts.forEach(function (p) {
      var q = project(p.lat, p.lon, z);
      a = [Math.min(a[0], q[0]), Math.min(a[1], q[1])];
      b = [Math.max(b[0], q[0]), Math.max(b[1], q[1])];
    });
    if (b[0] - a[0] <= W - 2 * PAD && b[1] - a[1] <= H - 2 * PAD) break;
  }
  var ox = (a[0] + b[0]) / 2 - W / 2, oy = (a[1] + b[1]) / 2 - H / 2;

  var svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Map of " + data.points.length + " results");
  var bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", W); bg.setAttribute("height", H); bg.setAttribute("class", "map-bg");
  svg.appendChild(bg);

  var tiles = box.getAttribute("data-tiles");
  if (tiles) {
    for (var tx = Math.floor(ox / 256); tx * 256 < ox + W; tx++) {
      for (var ty = Math.floor(oy / 256); ty * 256 < oy + H; ty++) {
        var img = document.createElementNS(NS, "image");
        img.setAttribute("href", tiles.replace("{z}", z).replace("{x}", tx).replace("{y}", ty));
        img.setAttribute("x", tx * 256 - ox); img.setAttribute("y", ty * 256 - oy);
        img.setAttribute("width", 256); img.setAttribute("height", 256);
        img.addEventListener("error", function (e) { e.target.remove(); });
        svg.appendChild(img);
      }
    }
  }
  if (data.center) {
    var c = project(data.center.lat, data.center.lon, z);
    var home = document.createElementNS(NS, "circle");
    home.setAttribute("cx", c[0] - ox); home.setAttribute("cy", c[1] - oy); home.setAttribute("r", 7);
    home.setAttribute("class", "map-home");
    svg.appendChild(home);
  }
  // The map is a picture of the list below it, hidden from assistive
  // technology, so its points are not links: the list's links are the
  // ones to follow, by keyboard or otherwise.
  data.points.forEach(function (p, i) {
    var q = project(p.lat, p.lon, z);
    var dot = document.createElementNS(NS, "circle");
    dot.setAttribute("cx", q[0] - ox); dot.setAttribute("cy", q[1] - oy); dot.setAttribute("r", 9);
    dot.setAttribute("class", "map-point");
    var title = document.createElementNS(NS, "title");
    title.textContent = (i + 1) + ". " + p.name;
    dot.appendChild(title);
    svg.appendChild(dot);
  });
  box.appendChild(svg);
  box.hidden = false;
})();
