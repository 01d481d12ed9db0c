// The social map: markers for the entries on this page. The list next to it has the same
// entries, so the page works without this script.
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("map");
    var data = document.getElementById("map-points");
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
      var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name });
      if (point.url) {
        var link = document.createElement("a");
        link.href = point.url;
        link.textContent = point.name;
        marker.bindPopup(link);
      } else {
        marker.bindPopup(document.createTextNode(point.name));
      }
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    var centre = document.getElementById("map-centre");
    if (centre) { bounds.push(JSON.parse(centre.textContent)); }
    if (bounds.length === 1) { map.setView(bounds[0], 16); } else { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 }); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
