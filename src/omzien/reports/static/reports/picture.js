// The public picture: a circle per map square, sized by the number of reports. The tables
// on the page hold the same numbers, so the page works without this script.
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("picture-map");
    var data = document.getElementById("picture-points");
    if (!element || !data || typeof L === "undefined") { return; }
    var points = JSON.parse(data.textContent);
    if (!points.length) { return; }
    element.classList.add("map-ready");
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 6 + 4 * Math.sqrt(point.total),
        color: "#8a3b00",
        weight: 2,
        fillOpacity: 0.35
      });
      var text = document.createElement("p");
      text.textContent = (point.name ? point.name + ": " : "") +
        element.dataset.reports + " " + point.total + " · " +
        element.dataset.open + " " + point.open + " · " +
        element.dataset.handled + " " + point.handled;
      marker.bindPopup(text);
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) { map.setView(bounds[0], 16); } else { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 }); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
