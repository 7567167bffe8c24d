// Draws a list's results on a Leaflet map (static/vendor/leaflet). The
// page is complete without it: this only adds a picture of where the
// numbered results are, with one numbered marker for each.
//
// The #map element says what to draw: data-tiles is the tile template
// ("" draws markers on a plain background and asks no tile server for
// anything), data-home-label names the searched place; #map-data holds
// the points.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var src = document.getElementById("map-data");
  if (!box || !src || !window.L) return;
  var data;
  try { data = JSON.parse(src.textContent); } catch (e) { return; }
  if (!data.points || data.points.length === 0) return;

  // Leaflet measures its box, so it must be shown first.
  box.hidden = false;
  var map = L.map(box, {
    // Keyboard: the map takes focus, arrows pan, + and - zoom, and Tab
    // moves through the markers.
    keyboard: true,
    // The page scrolls under a finger or a wheel; the map moves only
    // when asked to.
    scrollWheelZoom: false,
    dragging: !L.Browser.mobile,
    attributionControl: false
  });
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Map of " + data.points.length +
    (data.points.length === 1 ? " result" : " results") +
    ", numbered as in the list. Arrow keys move the map, plus and minus zoom.");

  var tiles = box.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: 19,
      // The tile server learns the site it serves, never the page's
      // address, which may hold a postcode.
      referrerPolicy: "strict-origin"
    }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
      .addAttribution('<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a>')
      .addTo(map);
  } else {
    box.classList.add("map-plain");
  }

  // The map has a view before anything is added, so that each marker
  // has its element at once.
  var bounds = data.points.map(function (p) { return [p.lat, p.lon]; });
  if (data.center) bounds.push([data.center.lat, data.center.lon]);
  // Room is kept for the zoom buttons (top left) and the attribution
  // (bottom right), so that no marker hides under them.
  map.fitBounds(bounds, { paddingTopLeft: [60, 30], paddingBottomRight: [30, 40], maxZoom: 16 });

  if (data.center) {
    L.marker([data.center.lat, data.center.lon], {
      icon: L.divIcon({ className: "map-home", iconSize: [18, 18] }),
      keyboard: false,
      interactive: false
    }).bindTooltip(textNode(box.getAttribute("data-home-label") || "The place searched"), {
      // Under the markers, so that the label never hides a result.
      permanent: true, direction: "top", offset: [0, -8], className: "map-home-label", pane: "shadowPane"
    }).addTo(map);
  }

  // Results that would overlap at this zoom (several at one community
  // centre, say) share a marker, so each marker is a target big enough
  // to press; zooming in draws them apart again. A marker shows its
  // first result's number and how many more share it ("2 +3"), and its
  // name starts with what it shows: "2 +3: 2. Name; 5. Name; ...".
  var markers = L.layerGroup().addTo(map);
  function drawMarkers() {
    var hadFocus = box.contains(document.activeElement) && document.activeElement.classList.contains("map-marker");
    markers.clearLayers();
    groupsAtThisZoom().forEach(function (group) {
      var shown = shownOf(group);
      var label = group.length === 1 ? shown + ". " + group[0].name
        : shown + ": " + group.map(function (p) { return Number(p.n) + ". " + p.name; }).join("; ");
      var marker = L.marker([group[0].lat, group[0].lon], {
        icon: L.divIcon({ className: "map-marker", html: shown, iconSize: [widthOf(group), MARKER] }),
        title: label,
        keyboard: true,
        riseOnHover: true
      }).addTo(markers);
      marker.getElement().setAttribute("aria-label", label);
      marker.bindPopup(popupFor(group));
    });
    // A keyboard user zooming from a marker keeps their place on the map.
    if (hadFocus) box.focus();
  }
  var MARKER = 30, GAP = 6;
  function shownOf(group) {
    return String(Number(group[0].n)) + (group.length > 1 ? " +" + (group.length - 1) : "");
  }
  function widthOf(group) {
    return Math.max(MARKER, 12 + 9 * shownOf(group).length);
  }
  // groupsAtThisZoom merges groups whose markers would overlap until none
  // do; a group is drawn at its first result's place.
  function groupsAtThisZoom() {
    var groups = data.points.map(function (p) {
      return { at: map.latLngToLayerPoint([p.lat, p.lon]), points: [p] };
    });
    function overlap(a, b) {
      return Math.abs(a.at.x - b.at.x) < (widthOf(a.points) + widthOf(b.points)) / 2 + GAP &&
        Math.abs(a.at.y - b.at.y) < MARKER + GAP;
    }
    for (var merged = true; merged;) {
      merged = false;
      for (var i = 0; i < groups.length && !merged; i++) {
        for (var j = i + 1; j < groups.length && !merged; j++) {
          if (overlap(groups[i], groups[j])) {
            groups[i].points = groups[i].points.concat(groups[j].points).sort(function (x, y) { return x.n - y.n; });
            groups.splice(j, 1);
            merged = true;
          }
        }
      }
    }
    return groups.map(function (g) { return g.points; });
  }
  drawMarkers();
  map.on("zoomend", drawMarkers);

  // A popup's link is where a keyboard user goes next.
  map.on("popupopen", function (e) {
    var link = e.popup.getElement().querySelector(".map-popup a");
    if (link) link.focus();
  });

  document.querySelectorAll(".map-link").forEach(function (el) { el.hidden = false; });

  // textNode is text for Leaflet, which reads a string as HTML: the
  // label holds what someone typed.
  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  // popupFor builds a marker's popup, a link to each of its results,
  // from text, never from HTML, since names come from listings.
  function popupFor(group) {
    var list = document.createElement("ul");
    list.className = "map-popup";
    group.forEach(function (p) {
      var a = document.createElement("a");
      a.href = p.url;
      a.textContent = p.n + ". " + p.name;
      var li = document.createElement("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    return list;
  }
})();
