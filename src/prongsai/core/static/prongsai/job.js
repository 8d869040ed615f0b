// Polls a background job's status every two seconds and updates the progress bar; shows the
// "stalled" box (with its retry button) when the job waits for a worker that does not come.
(function () {
  const box = document.getElementById("job");
  if (!box || box.dataset.done) return;
  const url = box.dataset.statusUrl;
  async function poll() {
    let s;
    try {
      const r = await fetch(url, { headers: { Accept: "application/json" } });
      if (!r.ok) return;
      s = await r.json();
    } catch (e) {
      setTimeout(poll, 5000);
      return;
    }
    document.getElementById("job-progress").value = s.percent;
    document.getElementById("job-label").textContent = s.label;
    document.getElementById("job-count").textContent = s.count;
    const list = document.getElementById("job-messages");
    list.replaceChildren(...s.messages.map((m) => Object.assign(document.createElement("li"), { textContent: m })));
    document.getElementById("job-stalled").hidden = !s.stalled;
    if (s.status === "done") document.getElementById("job-download").hidden = false;
    if (!["done", "failed", "cancelled"].includes(s.status)) setTimeout(poll, 2000);
  }
  setTimeout(poll, 1000);
})();
