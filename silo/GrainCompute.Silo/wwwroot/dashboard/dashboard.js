// The dashboard page: reads {dashboard}/api/events (Server-Sent Events, one update a second) and renders the
// cluster, jobs and job views. Every URL is relative, so the page works under any path prefix. Grains, activations
// and per-method call statistics are the Orleans dashboard's, at orleans/ beside this page (linked from the header).
// The stream is read with fetch rather than EventSource because EventSource cannot send the X-Api-Key header.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const shortType = (name) => String(name).split('.').pop();

  const state = {
    settings: null,
    route: { view: 'cluster', job: null },
    stream: null,
    last: null,
    charts: null,
    streamChart: null,
    orderChart: null,
  };

  // ---- formatting -------------------------------------------------------------------------------------------
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    seconds = Math.max(0, seconds);
    if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
    const m = Math.floor(seconds / 60);
    if (m < 60) return `${m} min ${Math.floor(seconds % 60)} s`;
    const h = Math.floor(m / 60);
    return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
  }
  const bytes = (n) => (n === null || n === undefined) ? '–' : n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GiB` : `${(n / (1 << 20)).toFixed(0)} MiB`;
  const num = (n, digits = 1) => (n === null || n === undefined) ? '–' : Number(n).toLocaleString(undefined, { maximumFractionDigits: digits });
  const ms = (n) => (n === null || n === undefined) ? '–' : n < 1 ? `${(n * 1000).toFixed(0)} µs` : n < 1000 ? `${n.toFixed(n < 10 ? 2 : 0)} ms` : `${(n / 1000).toFixed(2)} s`;

  function progressBar(job) {
    const total = job.chunks || 1;
    const part = (n) => `${(100 * n / total).toFixed(2)}%`;
    const pct = Math.floor(job.progress * 100);
    return `<div class="bar-line"><div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}">` +
      `<span class="done" style="width:${part(job.chunksDone)}"></span><span class="failed" style="width:${part(job.chunksFailed)}"></span>` +
      `<span class="cancelled" style="width:${part(job.chunksCancelled)}"></span></div><span class="pct">${pct}%</span></div>`;
  }

  // ---- API key and requests ---------------------------------------------------------------------------------
  const key = () => sessionStorage.getItem('graincompute-api-key');
  const headers = () => (key() ? { 'X-Api-Key': key() } : {});

  // The Orleans dashboard's own requests cannot carry the header: leave the key in a session cookie scoped to its
  // path, which the silo accepts for GET requests there (ApiKeyMiddleware).
  function shareKeyWithOrleansDashboard() {
    if (!key()) return;
    const path = new URL('orleans/', location.href).pathname.replace(/\/$/, '');
    document.cookie = `graincompute-api-key=${encodeURIComponent(key())}; path=${path}; SameSite=Strict`;
  }

  function askForKey(message) {
    $('key-form').hidden = false;
    $('key-button').hidden = false;
    if (message) setConnection('offline', message);
    $('key-input').focus();
  }

  $('key-button').addEventListener('click', () => askForKey());
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('graincompute-api-key', $('key-input').value);
    shareKeyWithOrleansDashboard();
    $('key-form').hidden = true;
    start();
  });

  function setConnection(which, text) {
    const badge = $('connection');
    badge.dataset.state = which;
    badge.textContent = text;
  }

  async function loadSettings() {
    const response = await fetch('api/settings', { headers: headers() });
    if (response.status === 401) {
      askForKey('API key needed');
      return false;
    }
    state.settings = await response.json();
    state.charts ??= GcCharts.cluster(state.settings.historySeconds);
    $('cluster-id').textContent = `${state.settings.clusterId} · via ${GcCharts.shortSilo(state.settings.silo)}`;
    $('key-button').hidden = !state.settings.apiKeyRequired;
    $('orleans-link').hidden = !state.settings.orleansDashboard;
    return true;
  }

  // ---- the event stream -------------------------------------------------------------------------------------
  async function connect() {
    state.stream?.abort();
    const controller = new AbortController();
    state.stream = controller;
    const url = 'api/events' + (state.route.job ? `?job=${encodeURIComponent(state.route.job)}` : '');
    let first = true;
    try {
      const response = await fetch(url, { headers: { ...headers(), Accept: 'text/event-stream' }, signal: controller.signal });
      if (response.status === 401) {
        askForKey('API key needed');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          setConnection('live', 'live');
          onUpdate(JSON.parse(data), first);
          first = false;
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
    }
    if (state.stream === controller) {
      setConnection('offline', 'reconnecting…');
      setTimeout(() => { if (state.stream === controller) connect(); }, 2000);
    }
  }

  function onUpdate(update, first) {
    state.last = update;
    if (first) state.charts.reset();
    state.charts.add(update.history);
    renderCluster(update.cluster);
    renderJobs(update.jobs);
    if (state.route.job && update.job && update.job.job.id === state.route.job) renderJob(update.job);
  }

  // ---- views ------------------------------------------------------------------------------------------------
  function renderCluster(cluster) {
    const t = cluster.totals;
    $('totals').innerHTML = [
      ['Active silos', t.activeSilos],
      ['Busy workers', `${t.busyWorkers} / ${t.workerSlots}`],
      ['Chunks/s', num(t.chunksPerSecond)],
      ['Jobs running', state.last ? state.last.jobs.filter((j) => j.state === 'running').length : 0],
    ].map(([label, value]) => `<div class="card"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div></div>`).join('');
    const differing = cluster.kernelVersions;
    $('kernel-versions').hidden = differing.length === 0;
    $('kernel-versions').innerHTML = differing.map((k) => `Kernel <strong>${esc(k.kernel)}</strong> differs between silos: ` +
      Object.entries(k.silosByVersion).map(([version, silos]) => `${esc(version)} on ${esc(silos.join(', '))}`).join('; ') +
      '. Its jobs run only on silos with the version they were admitted with.').join('<br>');
    $('silos').tBodies[0].innerHTML = cluster.silos.map((s) => {
      const busy = s.busyWorkers ?? 0;
      const activations = s.activations ? Object.entries(s.activations).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${esc(shortType(k))} ${v}`).join(', ') : '–';
      return `<tr data-silo="${esc(s.address)}" data-status="${esc(s.status)}">` +
        `<td><strong>${esc(s.name)}</strong><br><span class="muted">${esc(GcCharts.shortSilo(s.address))}</span></td>` +
        `<td><span class="badge" data-state="${esc(s.status)}">${esc(s.status)}</span>${s.suspectedBy.length ? ` <span class="muted" title="${esc(s.suspectedBy.join(', '))}">suspected</span>` : ''}</td>` +
        `<td>${s.status === 'dead' ? '–' : duration(s.uptimeSeconds)}</td>` +
        `<td class="num">${s.cpuPercent === null ? '–' : `${num(s.cpuPercent)}%`}</td>` +
        `<td class="num">${bytes(s.memoryBytes)}</td>` +
        `<td><div class="bar-line"><div class="bar" style="min-width:60px"><span class="busy" style="width:${s.workerSlots ? (100 * busy / s.workerSlots).toFixed(1) : 0}%"></span></div><span class="pct">${s.busyWorkers ?? '–'} / ${s.workerSlots}</span></div></td>` +
        `<td class="num">${num(s.chunksPerSecond)}</td>` +
        `<td class="activations wide">${activations}</td></tr>`;
    }).join('');
  }

  function renderJobs(jobs) {
    $('jobs-empty').hidden = jobs.length > 0;
    $('jobs').tBodies[0].innerHTML = jobs.map((j) =>
      `<tr data-job="${esc(j.id)}" data-state="${esc(j.state)}" data-progress="${j.progress}">` +
      `<td><a href="#/jobs/${encodeURIComponent(j.id)}">${esc(j.id)}</a></td>` +
      `<td>${esc(j.kernel)}</td>` +
      `<td><span class="badge" data-state="${esc(j.state)}">${esc(j.state)}</span></td>` +
      `<td class="progress-col">${progressBar(j)}</td>` +
      `<td>${j.chunksDone} / ${j.chunksFailed} / ${j.chunksCancelled} <span class="muted">of ${j.chunks}</span></td>` +
      `<td>${duration(j.elapsedSeconds)}</td>` +
      `<td>${j.etaSeconds === null ? '–' : duration(j.etaSeconds)}</td>` +
      `<td class="wide">${num(j.itemsPerSecond, 0)} items/s</td></tr>`).join('');
  }

  function renderJob(detail) {
    const j = detail.job;
    $('job-title').textContent = `${j.id} · ${j.kernel}`;
    const badge = $('job-state');
    badge.dataset.state = j.state;
    badge.textContent = j.state;
    $('cancel-button').hidden = state.settings.readOnly || !(j.state === 'running' || j.state === 'waiting');
    $('job-progress').innerHTML = `<div data-job="${esc(j.id)}" data-progress="${j.progress}">${progressBar(j)}</div>`;
    $('job-cards').innerHTML = [
      ['Chunks done / failed / cancelled', `${j.chunksDone} / ${j.chunksFailed} / ${j.chunksCancelled}`],
      ['Running now', j.chunksRunning],
      ['Items', `${num(j.itemsDone, 0)} / ${num(j.items, 0)}`],
      ['Elapsed', duration(j.elapsedSeconds)],
      ['ETA', j.etaSeconds === null ? '–' : duration(j.etaSeconds)],
      ['Throughput', `${num(j.itemsPerSecond, 0)} items/s`],
      ['Held by', GcCharts.shortSilo(j.heldBy)],
    ].map(([label, value]) => `<div class="card"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div></div>`).join('');
    $('job-error').hidden = !j.error;
    $('job-error').textContent = j.error || '';
    state.streamChart.update(j, detail.chunks, Date.now());
    state.orderChart.update(detail.chunks);
    const origin = Date.parse(j.started || j.submitted);
    const shown = detail.chunks.slice(0, 500);
    $('chunks').tBodies[0].innerHTML = shown.map((c) =>
      `<tr data-chunk="${c.index}" data-state="${esc(c.state)}"><td class="num">${c.index}</td><td>${num(c.start, 0)} +${num(c.count, 0)}</td>` +
      `<td><span class="badge" data-state="${c.state === 'done' ? 'completed' : esc(c.state)}">${esc(c.state)}</span></td><td class="num">${c.attempts}</td>` +
      `<td>${c.silo ? `${esc(GcCharts.shortSilo(c.silo))} / ${esc(c.worker)}` : '–'}</td>` +
      `<td>${c.started ? `+${((Date.parse(c.started) - origin) / 1000).toFixed(2)} s` : '–'}</td>` +
      `<td>${c.started && c.ended ? ms(Date.parse(c.ended) - Date.parse(c.started)) : '–'}</td>` +
      `<td class="wide">${c.completionSeq ?? '–'}</td><td class="error-cell wide">${esc(c.error || '')}</td></tr>`).join('');
    $('chunks-more').hidden = detail.chunks.length <= shown.length;
    $('chunks-more').textContent = `Showing the first ${shown.length} of ${detail.chunks.length} chunks.`;
  }

  $('cancel-button').addEventListener('click', async () => {
    const id = state.route.job;
    if (!id || !confirm(`Cancel job ${id}?`)) return;
    $('cancel-button').disabled = true;
    try {
      const response = await fetch(`api/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: headers() });
      if (response.status === 401) {
        askForKey('API key needed to cancel');
        $('cancel-message').textContent = 'Enter the API key, then cancel again.';
      } else if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        $('cancel-message').textContent = problem.detail || `Cancel failed: HTTP ${response.status}`;
      } else {
        $('cancel-message').textContent = 'Cancel requested.';
      }
    } finally {
      $('cancel-button').disabled = false;
    }
  });

  // ---- routing ----------------------------------------------------------------------------------------------
  function route() {
    const parts = location.hash.replace(/^#\/?/, '').split('/');
    const job = parts[0] === 'jobs' && parts[1] ? decodeURIComponent(parts.slice(1).join('/')) : null;
    const view = job ? 'job' : (['cluster', 'jobs'].includes(parts[0]) ? parts[0] : 'cluster');
    for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
    for (const tab of document.querySelectorAll('.tabs a')) tab.classList.toggle('active', tab.dataset.tab === (view === 'job' ? 'jobs' : view));
    const changedJob = job !== state.route.job;
    state.route = { view, job };
    if (changedJob) {
      $('cancel-message').textContent = '';
      $('job-title').textContent = job || '';
      if (state.settings) connect();
    }
  }

  async function start() {
    try {
      if (!await loadSettings()) return;
    } catch {
      setConnection('offline', 'silo unreachable; retrying…');
      setTimeout(start, 2000);
      return;
    }
    connect();
  }

  window.addEventListener('hashchange', route);
  window.addEventListener('DOMContentLoaded', () => {
    state.streamChart = GcCharts.taskStream($('chart-stream'), $('stream-box'));
    state.orderChart = GcCharts.completionOrder($('chart-order'));
    route();
    shareKeyWithOrleansDashboard();
    start();
  });
})();
