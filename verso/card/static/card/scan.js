/* Scan a card's QR code with the phone's camera where the browser has BarcodeDetector;
   typing the code stays the way that always works. No third-party code. */
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.querySelector("[data-scan]");
  var input = document.getElementById("id_code");
  if (!box || !input || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var video = box.querySelector("[data-scan-video]");
  var status = box.querySelector("[data-scan-status]");
  var start = box.querySelector("[data-scan-start]");
  box.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var stop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        video.hidden = true;
      };
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            input.value = codes[0].rawValue;
            status.textContent = script.dataset.found;
            stop();
            input.focus();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () {
      status.textContent = script.dataset.denied;
    });
  });
})();
