/* The trainer's deck only (slides --attendance): draws the QR code of the attendance link on the last
   slide with the site's qr.js. The site's decks never carry the code. */
document.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-qr]"), function (c) {
    if (window.CB_QR) window.CB_QR.draw(c, c.getAttribute("data-qr"), 6);
  });
});
