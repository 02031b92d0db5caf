/*
 * Office.js, loaded once for taskpane.html, commands.html and notice.html: gongkaiOffice(done) loads it and calls
 * done() when it is there, or when no copy could be had. Microsoft's CDN first, or the copy shipped beside the pages
 * first with ?office=local (the build writes it into the manifest's URLs for intranets: GONGKAI_OFFICE_JS=local).
 * The CDN is asked by a request whose answer is not read (fetch, no-cors; XMLHttpRequest where there is no fetch)
 * before its script is added: where a firewall drops the connection the browser would wait for its connection
 * timeout (20 s and more), so after 2 s without an answer, or at once when the request fails (no such host on an
 * intranet), the shipped copy is loaded instead; a script that arrived late would run a second Office.js over the
 * first. A copy that failed to load is taken out of the page: Office.js loads its own files from beside the first
 * script whose name ends in office.js. The docs reference Office.js from the head so that it is there
 * before the page's own code
 * (https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn):
 * here the page's own script is added only once Office.js is in, and waits for Office.onReady.
 * Plain ES5: it runs in every webview Office uses, Internet Explorer 11 included.
 */
(function (w) {
  var CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js", LOCAL = "office/office.js", WAIT = 2000;
  var waiting = [], started = false;
  function settle() {
    var q = waiting;
    waiting = null;
    for (var i = 0; i < q.length; i++) q[i]();
  }
  function add(src, next) {
    var s = document.createElement("script");
    // a copy that failed leaves no tag: Office.js finds its own files beside the first script named office.js
    function failed() { s.parentNode.removeChild(s); next(); }
    s.onload = function () { if (w.Office) settle(); else failed(); };
    s.onerror = failed;
    s.src = src;
    document.getElementsByTagName("head")[0].appendChild(s);
  }
  function fromCdn(next) {
    var timer = setTimeout(function () { timer = null; add(LOCAL, settle); }, WAIT);
    function answered(reachable) {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      // refused or not found at all (an intranet's DNS): the shipped copy at once
      if (reachable) add(CDN, next);
      else add(LOCAL, settle);
    }
    var yes = function () { answered(true); }, no = function () { answered(false); };
    if (w.fetch) return void w.fetch(CDN, { mode: "no-cors" }).then(yes, no);
    var x = new XMLHttpRequest();
    x.onload = yes;
    x.onerror = no;
    x.open("GET", CDN);
    x.send();
  }
  w.gongkaiOffice = function (done) {
    if (!waiting) return done();
    waiting.push(done);
    if (started) return;
    started = true;
    if (w.Office) return settle(); // already there (a test's stand-in)
    if (/[?&]office=local\b/.test(location.search)) add(LOCAL, function () { add(CDN, settle); });
    else fromCdn(function () { add(LOCAL, settle); });
  };
})(window);
