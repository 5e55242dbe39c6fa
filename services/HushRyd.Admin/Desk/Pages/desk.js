// The safety desk: open SOS alerts pushed by the server (server-sent events of the sos:admins room), each alert's
// facts, live track and timeline, acknowledge and resolve; and the operations view. Every text goes in through
// textContent, never as HTML.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const POLL_MS = 5000;
  const state = { token: null, userId: null, alerts: [], selected: null, detail: null, track: [], trip: null, refreshTimer: null };

  // ---- API -------------------------------------------------------------------------------------------------------
  async function api(path, method = "GET") {
    const response = await fetch(path, { method, headers: { authorization: "Bearer " + state.token, accept: "application/json" } });
    if (response.status === 401) {
      location.assign("/admin/sign-in");
      throw new Error("signed out");
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body };
  }

  const problemText = result => (result.body && (result.body.detail || result.body.title)) || "HTTP " + result.status;

  // ---- Formatting ------------------------------------------------------------------------------------------------
  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== undefined && value !== null) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child);
    }
    return node;
  };

  const statusText = status => ({
    active: "ACTIVE: not acknowledged",
    acknowledged: "ACKNOWLEDGED",
    resolved: "RESOLVED",
    cancelled: "CANCELLED by the traveller",
  })[status] || status.toUpperCase();

  const badge = status => el("span", { class: "badge", "data-status": status }, statusText(status));
  const person = id => (id && id === state.userId ? "you" : id);

  function since(iso) {
    const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h ? h + "h " : "") + (h || m ? m + "m " : "") + s + "s ago";
  }

  const clock = iso => new Date(iso).toLocaleString("en-IN", { hour12: false });
  const sinceNode = iso => el("span", { "data-since": iso }, since(iso));
  const number = value => (typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : "—");

  // ---- Alerts list -----------------------------------------------------------------------------------------------
  const rank = alert => (alert.status === "active" ? 0 : 1);
  const order = (a, b) => rank(a) - rank(b) || Date.parse(b.raisedAt) - Date.parse(a.raisedAt);

  async function loadAlerts() {
    const [active, acknowledged] = await Promise.all([api("/admin/v1/sos?status=active"), api("/admin/v1/sos?status=acknowledged")]);
    if (!active.ok || !acknowledged.ok) return;
    state.alerts = [...active.body, ...acknowledged.body].sort(order);
    renderAlerts();
    if (!state.selected && state.alerts.length > 0) {
      await select(state.alerts[0].alertId, false);
    } else if (state.selected) {
      await loadDetail();
    }
  }

  // The vehicle is the trip's as the alert recorded it when raised.
  function vehicleMissing(alert) {
    return alert.tripId ? "not given by the driver" : "none: no trip";
  }

  function renderAlerts() {
    const list = $("alerts");
    list.replaceChildren(...state.alerts.map(alert => el("li", {},
      el("button", {
        type: "button", class: "alert", "data-alert-id": alert.alertId, "data-status": alert.status,
        "aria-pressed": String(alert.alertId === state.selected),
      },
        el("span", { class: "line" }, badge(alert.status), " ", el("span", {}, "Escalation level " + alert.escalationLevel)),
        el("span", { class: "line who-line" }, alert.raisedByPhone || alert.raisedBy),
        el("span", { class: "line" }, alert.tripId ? "Trip " + alert.tripId : "No trip"),
        el("span", { class: "line" }, alert.driverId ? "Driver " + alert.driverId : "No driver on record"),
        el("span", { class: "line vehicle-line" }, "Vehicle " + (alert.vehicle ? alert.vehicle.registration : vehicleMissing(alert))),
        el("span", { class: "line" }, "Raised ", sinceNode(alert.raisedAt))))));
    const active = state.alerts.filter(a => a.status === "active").length;
    $("alert-count").textContent = `(${state.alerts.length} open, ${active} not acknowledged)`;
    $("no-alerts").hidden = state.alerts.length > 0;
  }

  $("alerts").addEventListener("click", event => {
    const button = event.target.closest("button.alert");
    if (button) select(button.dataset.alertId, true);
  });

  // ---- One alert -------------------------------------------------------------------------------------------------
  async function select(alertId, focusDetail) {
    if (state.selected !== alertId) {
      state.selected = alertId;
      state.track = [];
      state.trip = null;
      $("action-message").textContent = "";
    }
    renderAlerts();
    await loadDetail();
    if (focusDetail) $("detail-title").focus();
  }

  async function loadDetail() {
    const alertId = state.selected;
    const found = await api("/api/v1/sos/" + encodeURIComponent(alertId));
    if (!found.ok || state.selected !== alertId) return;
    state.detail = found.body;
    if (found.body.tripId) {
      const [trip, track] = await Promise.all([
        state.trip ? Promise.resolve({ ok: true, body: state.trip }) : api("/api/v1/trips/" + encodeURIComponent(found.body.tripId)),
        api("/api/v1/trips/" + encodeURIComponent(found.body.tripId) + "/track?maxPoints=500"),
      ]);
      if (state.selected !== alertId) return;
      if (trip.ok) state.trip = trip.body;
      if (track.ok) state.track = mergeTrack(track.body.points.map(p => ({ lat: p.lat, lng: p.lng, at: Date.parse(p.timestamp) })), state.track);
    }
    renderDetail();
  }

  function mergeTrack(stored, live) {
    const last = stored.length ? stored[stored.length - 1].at : -Infinity;
    return stored.concat(live.filter(p => p.at > last));
  }

  function renderDetail() {
    const alert = state.detail;
    $("detail").hidden = false;
    $("detail-title").setAttribute("tabindex", "-1");
    $("detail-title").textContent = "SOS from " + (alert.raisedByPhone || alert.raisedBy);
    $("detail-status").replaceChildren(badge(alert.status), " Escalation level " + alert.escalationLevel);
    $("acknowledge").disabled = alert.status !== "active";
    $("resolve").disabled = alert.status === "resolved" || alert.status === "cancelled";

    const trip = state.trip;
    const facts = [
      ["Traveller", (alert.raisedByPhone ? alert.raisedByPhone + " · " : "") + alert.raisedBy],
      ["Raised", [clock(alert.raisedAt), " (", sinceNode(alert.raisedAt), ")"]],
      ["Where raised", alert.lat.toFixed(5) + ", " + alert.lng.toFixed(5)],
      ["Trip", alert.tripId ? alert.tripId + (trip ? ` · ${trip.source.city} → ${trip.destination.city} · ${trip.status}` : "") : "No trip"],
      ["Driver", alert.driverId || "No driver on record"],
      ["Vehicle", alert.vehicle ? `${alert.vehicle.registration} · ${alert.vehicle.colour} ${alert.vehicle.makeModel}` : vehicleMissing(alert)],
      ["Note", alert.note || "—"],
      ["Escalation level", String(alert.escalationLevel)],
      ["Acknowledged by", alert.acknowledgedBy ? `${person(alert.acknowledgedBy)} at ${clock(alert.acknowledgedAt)}` : "Nobody yet"],
      ["Closed by", alert.closedBy ? `${person(alert.closedBy)} at ${clock(alert.closedAt)}` : "—"],
      ["Trusted contacts", (alert.trustedContacts || []).map(c => `${c.name} ${c.phone}`).join(", ") || "None"],
    ];
    $("facts").replaceChildren(...facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, ...[].concat(value))]));

    $("timeline").replaceChildren(...(alert.timeline || []).map(entry => el("li", { "data-kind": entry.kind },
      el("time", { datetime: entry.at }, clock(entry.at)),
      el("span", { class: "kind" }, entry.kind),
      [entry.channel && " via " + entry.channel, entry.provider && " (" + entry.provider + ")", entry.recipient && " to " + entry.recipient,
        entry.result && ": " + entry.result, entry.detail && " · " + (entry.kind === "acknowledged" ? person(entry.detail) : entry.detail)]
        .filter(Boolean).join(""))));
    drawTrack();
  }

  // North up, east right; longitudes shrunk by the cosine of the latitude so distances look right.
  function drawTrack() {
    const alert = state.detail;
    const raised = { lat: alert.lat, lng: alert.lng };
    const points = state.track;
    const all = points.concat([raised]);
    const midLat = all.reduce((sum, p) => sum + p.lat, 0) / all.length;
    const kx = Math.cos(midLat * Math.PI / 180);
    const xs = all.map(p => p.lng * kx), ys = all.map(p => p.lat);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const span = Math.max(maxX - minX, maxY - minY, 0.002);
    const scale = Math.min(360 / span, 260 / span);
    const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const project = p => [200 + (p.lng * kx - cx) * scale, 150 - (p.lat - cy) * scale];

    $("track-line").setAttribute("points", points.map(p => project(p).map(v => v.toFixed(1)).join(",")).join(" "));
    const [rx, ry] = project(raised);
    $("track-raised").setAttribute("x", (rx - 6).toFixed(1));
    $("track-raised").setAttribute("y", (ry - 6).toFixed(1));
    $("track-raised").setAttribute("visibility", "visible");
    const place = (id, point) => {
      const node = $(id);
      if (!point) { node.setAttribute("visibility", "hidden"); return; }
      const [x, y] = project(point);
      node.setAttribute("cx", x.toFixed(1));
      node.setAttribute("cy", y.toFixed(1));
      node.setAttribute("visibility", "visible");
    };
    place("track-start", points[0]);
    place("track-now", points[points.length - 1]);
    const last = points[points.length - 1];
    $("track-caption").textContent = points.length === 0
      ? (alert.tripId ? "No positions reported on this trip yet; the square marks where the SOS was raised." : "Not on a trip: the square marks where the SOS was raised.")
      : `${points.length} position${points.length === 1 ? "" : "s"}; latest ${last.lat.toFixed(5)}, ${last.lng.toFixed(5)} at ${clock(last.at)}.`;
  }

  async function act(action) {
    const alertId = state.selected;
    const result = await api(`/admin/v1/sos/${encodeURIComponent(alertId)}/${action}`, "POST");
    if (result.ok) {
      $("action-message").textContent = action === "acknowledge" ? "You acknowledged this alert: escalation stops." : "You resolved this alert.";
    } else if (result.status === 409) {
      $("action-message").textContent = "Not done: " + problemText(result).replace(state.userId, "you");
    } else {
      $("action-message").textContent = "Failed: " + problemText(result);
    }
    await loadAlerts();
    if (state.selected === alertId) await loadDetail();
  }

  $("acknowledge").addEventListener("click", () => act("acknowledge"));
  $("resolve").addEventListener("click", () => act("resolve"));

  // ---- Live feed -------------------------------------------------------------------------------------------------
  function scheduleRefresh() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(loadAlerts, 50);
  }

  // Shown from the event itself at once; the refresh that follows brings what the event leaves out (the phone).
  function upsert(event) {
    const known = state.alerts.find(a => a.alertId === event.alertId);
    const open = event.status === "active" || event.status === "acknowledged";
    state.alerts = state.alerts.filter(a => a.alertId !== event.alertId);
    if (open) state.alerts = [...state.alerts, Object.assign({}, known, event)].sort(order);
    renderAlerts();
  }

  function connectFeed() {
    const feed = new EventSource("/admin/v1/realtime/sos");
    const show = (live, text) => { $("feed").dataset.state = live; $("feed").textContent = "Live feed: " + text; };
    feed.addEventListener("ready", () => { show("live", "connected"); scheduleRefresh(); });
    feed.addEventListener("sos", message => {
      const event = JSON.parse(message.data);
      if (typeof event.timestamp === "number" && event.raisedBy === undefined) {
        if (event.alertId === state.selected) {
          state.track = mergeTrack(state.track, [{ lat: event.lat, lng: event.lng, at: event.timestamp }]);
          drawTrack();
        }
        return;
      }
      upsert(event);
      scheduleRefresh();
    });
    feed.addEventListener("ended", () => { feed.close(); location.assign("/admin/sign-in"); });
    feed.onerror = () => show("down", "reconnecting (the list still refreshes every 5 s)");
  }

  // ---- Operations ------------------------------------------------------------------------------------------------
  const row = cells => el("tr", {}, ...cells.map(c => (c instanceof Node ? el("td", {}, c) : el("td", {}, String(c)))));

  async function loadOperations() {
    const [queues, realtime] = await Promise.all([api("/admin/v1/queues"), api("/admin/v1/realtime/stats")]);
    if (queues.ok) {
      $("queues").tBodies[0].replaceChildren(...queues.body.queues.map(q =>
        row([q.queue, q.total.waiting, q.total.active, q.total.delayed, q.total.completed, q.total.failed, number(q.completedPerSecond)])));
      $("providers").tBodies[0].replaceChildren(...queues.body.providers.map(p => {
        const tr = row([p.provider, p.queue, p.role]);
        tr.append(el("td", { class: "breaker", "data-state": p.breaker }, (p.breaker === "closed" ? "✓ " : "✕ ") + p.breaker + (p.failShare > 0 ? ` (fail share ${p.failShare})` : "")));
        return tr;
      }));
      const failed = await Promise.all(queues.body.queues.map(q => api(`/admin/v1/queues/${q.queue}/failed?limit=20`)));
      const jobs = failed.filter(f => f.ok).flatMap(f => f.body);
      $("failed-empty").hidden = jobs.length > 0;
      $("failed").tBodies[0].replaceChildren(...jobs.map(job => {
        const retry = el("button", { type: "button", "data-queue": job.queue, "data-job-id": job.id }, "Retry");
        retry.setAttribute("aria-label", `Retry ${job.queue} job to ${job.to}`);
        return row([job.queue, job.to, `${job.attempts}/${job.maxAttempts}`, job.lastError || "—", job.finishedAt ? clock(job.finishedAt) : "—", retry]);
      }));
    }
    if (realtime.ok) {
      $("realtime").tBodies[0].replaceChildren(...realtime.body.nodes.map(n =>
        row([n.nodeId, n.connections, n.rooms, number(n.messagesInPerSecond), number(n.messagesOutPerSecond), clock(n.updatedAt)])));
      const t = realtime.body.total;
      $("realtime").tFoot.replaceChildren(el("tr", {}, el("th", { scope: "row" }, `All ${t.nodes} nodes`),
        el("td", {}, String(t.connections)), el("td", {}, String(t.rooms)), el("td", {}, number(t.messagesInPerSecond)), el("td", {}, number(t.messagesOutPerSecond)), el("td", {})));
    }
    $("operations-updated").textContent = "Updated " + new Date().toLocaleTimeString("en-IN", { hour12: false });
  }

  $("failed").addEventListener("click", async event => {
    const button = event.target.closest("button[data-job-id]");
    if (!button) return;
    button.disabled = true;
    const result = await api(`/admin/v1/queues/${button.dataset.queue}/failed/${encodeURIComponent(button.dataset.jobId)}/retry`, "POST");
    $("failed-message").textContent = result.ok ? `Job ${button.dataset.jobId} is back in the ${button.dataset.queue} queue.` : "Retry failed: " + problemText(result);
    await loadOperations();
  });

  $("refresh-operations").addEventListener("click", loadOperations);

  $("nearby-form").addEventListener("submit", async event => {
    event.preventDefault();
    const query = new URLSearchParams({ lat: $("nearby-lat").value.trim(), lng: $("nearby-lng").value.trim(), radiusKm: $("nearby-radius").value.trim(), limit: "50" });
    const result = await api("/api/v1/drivers/nearby?" + query);
    if (!result.ok) {
      $("nearby-message").textContent = "Not searched: " + problemText(result);
      return;
    }
    const drivers = result.body.items;
    $("nearby-message").textContent = `${drivers.length} online driver${drivers.length === 1 ? "" : "s"} within ${query.get("radiusKm")} km.`;
    $("nearby").tBodies[0].replaceChildren(...drivers.map(d =>
      row([d.driverId, d.distanceKm.toFixed(2), `${d.lat.toFixed(5)}, ${d.lng.toFixed(5)}`, clock(d.lastSeen)])));
  });

  // ---- Page ------------------------------------------------------------------------------------------------------
  function route() {
    const operations = location.hash === "#operations";
    $("desk").hidden = operations;
    $("operations").hidden = !operations;
    for (const [link, current] of [["nav-desk", !operations], ["nav-operations", operations]]) {
      if (current) $(link).setAttribute("aria-current", "page");
      else $(link).removeAttribute("aria-current");
    }
    if (operations) loadOperations();
  }

  $("sign-out").addEventListener("click", async () => {
    await api("/admin/session", "DELETE");
    await api("/api/v1/auth/logout", "POST");
    location.assign("/admin/sign-in");
  });

  async function start() {
    const session = await fetch("/admin/session", { headers: { accept: "application/json" } });
    if (!session.ok) {
      location.assign("/admin/sign-in");
      return;
    }
    const signedIn = await session.json();
    ({ accessToken: state.token, userId: state.userId } = signedIn);
    $("who").textContent = "Signed in as " + (signedIn.phone || state.userId);
    window.addEventListener("hashchange", route);
    route();
    connectFeed();
    await loadAlerts();
    setInterval(() => document.querySelectorAll("[data-since]").forEach(node => { node.textContent = since(node.dataset.since); }), 1000);
    setInterval(() => (location.hash === "#operations" ? loadOperations() : loadAlerts()), POLL_MS);
  }

  start();
})();
