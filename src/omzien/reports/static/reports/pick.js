// The report form: a click on the map fills in the location. Without this script the
// postcode and address fields do the same job.
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("report-map");
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var status = document.getElementById("report-map-status");
    if (!element || !lat || !lon || typeof L === "undefined") { return; }
    element.hidden = false;
    status.hidden = false;
    status.textContent = element.dataset.hint || "";
    var centre = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var map = L.map(element, { scrollWheelZoom: false }).setView(centre, 14);
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution
    }).addTo(map);
    var marker = null;
    function place(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
      status.textContent = element.dataset.chosen || "";
    }
    if (lat.value && lon.value) { place(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); }
    map.on("click", function (event) { place(event.latlng); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
