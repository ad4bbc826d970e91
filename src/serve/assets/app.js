// The review page: open a notice, check each task against the line or cell it came from, correct
// the register, compare it with last year's, download it. Every change is saved at once: to
// NAME.yaml beside the notice in the served folder, or to the browser's storage for a dropped file.
'use strict';

const $ = (id) => document.getElementById(id);
const UNIT_FIELDS = ['lead', 'support'];
const LIST_FIELDS = ['lead', 'support', 'persons', 'leaders'];
const FIELD_NAMES = { lead: '牵头单位', support: '配合单位', persons: '责任人', leaders: '责任领导' };
// Undo keeps whole registers; this many characters of them at most (a 300-task register is
// about 300 000), and never fewer than the last few steps.
const UNDO_BUDGET = 40e6;
const UNDO_MIN = 20;

// What is open: its name, where it is saved, the register being edited and what it was read from.
let current = null;
let history = [];
let future = [];
let selectedIndex = null;
let saving = Promise.resolve();
let view = 'register';
let folderDocuments = [];
const uploads = new Map();
// The unit directory (`--units`): its names, and what it says of each name looked up (its
// canonical name, or null when it does not list it).
const directory = { given: false, names: [], known: new Map() };
// Last year's register and the comparison with the current one (stale after an edit).
let comparison = null;

// ---- Keys: how a task's source finds its line, row or cell (see serve/source.rs) ----

function sourceKey(source) {
  if (!source) return '';
  if (source.line != null) return 'line:' + source.line;
  if (source.paragraph != null) return 'paragraph:' + source.paragraph;
  if (source.table != null && source.row != null) return 'table:' + source.table + ':row:' + source.row;
  if (source.sheet != null) {
    const row = /(\d+)$/.exec(source.cell || '');
    return row ? 'sheet:' + source.sheet + ':row:' + row[1] : 'sheet:' + source.sheet;
  }
  return '';
}

function cellKey(source) {
  return source && source.sheet != null && source.cell ? 'sheet:' + source.sheet + ':cell:' + source.cell : '';
}

// ---- Small helpers ----

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child != null && child !== false) node.append(child);
  return node;
}

function showStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.title = text;
  status.classList.toggle('error', isError);
}

async function api(url, options = {}) {
  const response = await fetch(url, options);
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function postJson(url, value) {
  return api(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
}

function taskLabel(task) {
  const title = task.title || '（无标题）';
  return task.seq ? task.seq + ' ' + title : title;
}

function saveBlob(blob, name) {
  const link = element('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

// ---- Opening documents ----

// What the server put into the page (the folder's list and the unit directory), so that the
// page is usable without a further round trip; fetched where it is missing.
function bootData() {
  const node = $('boot');
  try { return node ? JSON.parse(node.textContent) : null; } catch (_) { return null; }
}

async function loadDocumentList(given = null) {
  const list = $('document-list');
  try {
    const listing = given || await (await api('/api/documents')).json();
    folderDocuments = listing.documents;
    const items = listing.documents.map((doc) => element('li', { 'data-path': doc.path, title: doc.path },
      doc.path, doc.saved ? element('span', { class: 'badge' }, '已修改') : null));
    list.replaceChildren(...(items.length ? items : [element('li', { class: 'empty' }, '（没有可读的文件）')]));
    markCurrentInLists();
    fillComparePick();
    // For bench/serve_page.py: when the page is usable.
    performance.mark('dutyctl:documents-listed');
  } catch (error) {
    list.replaceChildren(element('li', { class: 'empty' }, '无法列出文件夹：' + error.message));
  }
}

async function openFromFolder(path) {
  showStatus('正在读取…');
  try {
    const opened = await (await api('/api/document?path=' + encodeURIComponent(path))).json();
    show({ ...opened, path });
    showStatus(opened.saved ? '已载入保存的修改（' + opened.saved + '）' : '已读取');
  } catch (error) {
    showStatus(error.message, true);
  }
}

async function readUpload(file) {
  const response = await api('/api/import?name=' + encodeURIComponent(file.name), { method: 'POST', body: file });
  return response.json();
}

async function openUpload(file) {
  showStatus('正在读取 ' + file.name + '…');
  try {
    const opened = await readUpload(file);
    const stored = localStorage.getItem(storageKey(opened.register));
    if (stored) opened.register = JSON.parse(stored);
    show({ ...opened, path: null });
    showStatus(stored ? '已载入浏览器中保存的修改' : '已读取');
  } catch (error) {
    showStatus(error.message, true);
  }
}

function addUploads(files) {
  for (const file of files) uploads.set(file.name, file);
  $('upload-list').replaceChildren(...[...uploads.keys()].map((name) => element('li', { 'data-upload': name, title: name }, name)));
  if (files.length) openUpload(files[0]);
}

// A dropped file's edits are kept under its name and content, so the same file dropped again
// shows them, and a changed file starts afresh.
function storageKey(register) {
  return 'dutyctl:' + register.document.source + ':' + register.document.sha256;
}

function show(opened) {
  current = opened;
  history = [];
  future = [];
  selectedIndex = null;
  comparison = null;
  $('hint').hidden = true;
  $('register').hidden = false;
  $('add-row').hidden = false;
  $('filter').hidden = false;
  $('doc-name').textContent = opened.name;
  $('source-pane').scrollTop = 0;
  $('register-pane').scrollTop = 0;
  renderSource();
  renderWarnings();
  renderTasks();
  updateUndo();
  markCurrentInLists();
  fillComparePick();
  renderComparison();
  lookUpUnits();
  performance.mark('dutyctl:register-shown');
}

// The folder's list marks a notice whose edits are saved beside it.
function markSaved(path) {
  const item = [...document.querySelectorAll('#document-list li[data-path]')].find((li) => li.dataset.path === path);
  if (item && !item.querySelector('.badge')) item.append(element('span', { class: 'badge' }, '已修改'));
}

function markCurrentInLists() {
  for (const li of document.querySelectorAll('nav li')) {
    const isCurrent = current && (current.path ? li.dataset.path === current.path : li.dataset.upload === current.name);
    li.classList.toggle('current', Boolean(isCurrent));
  }
}

// ---- The source: lines of text, or a sheet's grid ----

function warnedKeys() {
  const keys = new Set();
  for (const warning of current.warnings) {
    if (warning.key) keys.add(warning.key);
    if (warning.cell) keys.add(warning.cell);
  }
  return keys;
}

function renderSource() {
  const warned = warnedKeys();
  const { lines, sheets } = current.source;
  $('source-note').textContent = lines.length || sheets.length ? '' : '（分解表文件没有原文可对照）';
  const list = document.createDocumentFragment();
  for (const line of lines) {
    const warnedRow = warned.has(line.key) || (line.also || []).some((key) => warned.has(key));
    list.append(element('li', { 'data-key': line.key, 'data-also': line.also ? line.also.join(' ') : null, class: warnedRow ? 'warned' : null },
      element('span', { class: 'no' }, line.label), element('span', { class: 'text' }, line.text)));
  }
  $('source').replaceChildren(list);
  $('sheets').replaceChildren(...sheets.map((sheet) => sheetTable(sheet, warned)));
}

function sheetTable(sheet, warned) {
  const head = element('tr', {}, element('th', { class: 'corner' }), ...sheet.columns.map((c) => element('th', {}, c)));
  const body = document.createDocumentFragment();
  for (const row of sheet.rows) {
    const tr = element('tr', { 'data-key': row.key }, element('th', { class: warned.has(row.key) ? 'warned' : null }, row.label));
    for (const cell of row.cells) {
      tr.append(element('td', {
        'data-key': cell.key,
        rowspan: cell.row_span > 1 ? cell.row_span : null,
        colspan: cell.col_span > 1 ? cell.col_span : null,
        class: warned.has(cell.key) ? 'warned' : null,
      }, cell.text));
    }
    body.append(tr);
  }
  return element('div', { class: 'sheet' },
    sheet.name != null ? element('h3', {}, '工作表：' + sheet.name) : null,
    element('table', { class: 'grid' }, element('thead', {}, head), element('tbody', {}, body)));
}

function clearHighlight() {
  for (const node of document.querySelectorAll('#source-pane .hl, #source-pane .hl-cell')) node.classList.remove('hl', 'hl-cell');
}

function highlightSource(key, cell) {
  clearHighlight();
  const pane = $('source-pane');
  // A row of a page's table is shown once, at its first cell; a task may start at another.
  const line = key ? pane.querySelector('[data-key="' + CSS.escape(key) + '"]')
    || pane.querySelector('[data-also~="' + CSS.escape(key) + '"]') : null;
  const target = cell ? pane.querySelector('td[data-key="' + CSS.escape(cell) + '"]') : null;
  if (line) line.classList.add('hl');
  if (target) target.classList.add('hl-cell');
  const shown = target || line;
  if (shown) shown.scrollIntoView({ block: 'center', inline: 'nearest' });
}

function renderWarnings() {
  const box = $('warnings-box');
  box.hidden = current.warnings.length === 0;
  $('warning-count').textContent = '（' + current.warnings.length + '）';
  $('warnings').replaceChildren(...current.warnings.map((warning) => element('li', {},
    warning.key ? element('a', { onclick: () => highlightSource(warning.key, warning.cell) }, warningPlace(warning)) : null,
    warning.message)));
}

function warningPlace(warning) {
  if (warning.cell) return warning.cell.replace(/^sheet:(.*):cell:/, '$1!');
  return /^\d+$/.test(warning.label) ? '第 ' + warning.label + ' 行' : warning.label;
}

// ---- The register ----

const collator = new Intl.Collator('zh-CN');

function unitNames() {
  const names = new Set(directory.names);
  for (const task of current.register.tasks) for (const field of UNIT_FIELDS) for (const name of task[field]) names.add(name);
  return [...names].sort(collator.compare);
}

let offeredNames = '';
function updateUnitNames() {
  const names = unitNames();
  const joined = names.join('\n');
  if (joined === offeredNames) return;
  offeredNames = joined;
  $('unit-names').replaceChildren(...names.map((name) => element('option', { value: name })));
}

// What each row of the table was drawn from, so that drawing the table again after an edit
// touches only the rows that changed (a 300-task table drawn whole takes a visible moment).
const drawnFrom = new WeakMap();

// Draws the register: rows whose task (and marks) are unchanged are kept, renumbered where a
// task was added or deleted above them; the others are drawn anew.
function renderTasks() {
  const warned = warnedKeys();
  const body = $('tasks');
  const wanted = [];
  let section = null;
  current.register.tasks.forEach((task, index) => {
    const heading = task.section.join(' › ');
    if (heading && heading !== section) wanted.push({ signature: 'section\n' + heading, heading });
    section = heading;
    const marks = [warned.has(sourceKey(task.source)) || warned.has(cellKey(task.source)),
      UNIT_FIELDS.map((field) => task[field].map((name) => (directory.known.has(name) ? directory.known.get(name) : '?'))).flat()];
    wanted.push({ signature: JSON.stringify([task, marks]), task, index });
  });
  let child = body.firstElementChild;
  for (const item of wanted) {
    // The row drawn for this item, here or a little further on (rows deleted before it).
    let probe = child;
    for (let ahead = 0; probe && ahead < 64 && drawnFrom.get(probe) !== item.signature; ahead += 1) probe = probe.nextElementSibling;
    if (probe && drawnFrom.get(probe) === item.signature) {
      while (child !== probe) { const next = child.nextElementSibling; child.remove(); child = next; }
      if (item.task && child.dataset.index !== String(item.index)) child.dataset.index = item.index;
      child = child.nextElementSibling;
      continue;
    }
    const row = item.task ? taskRow(item.task, item.index, warned)
      : element('div', { class: 'section', role: 'row' }, element('div', { role: 'cell' }, item.heading));
    drawnFrom.set(row, item.signature);
    body.insertBefore(row, child);
  }
  while (child) { const next = child.nextElementSibling; child.remove(); child = next; }
  for (const row of body.querySelectorAll('.task-row.selected')) if (Number(row.dataset.index) !== selectedIndex) row.classList.remove('selected');
  const selected = selectedIndex == null ? null : taskRowNode(selectedIndex);
  if (selected) selected.classList.add('selected');
  updateUnitNames();
  updateProgress();
}

function updateProgress() {
  const tasks = current.register.tasks;
  const done = tasks.filter((t) => t.checked).length;
  $('progress').textContent = tasks.length ? '已核对 ' + done + ' / ' + tasks.length : '';
}

function outsideDirectory(name) {
  return directory.given && directory.known.has(name) && directory.known.get(name) === null;
}

function taskRow(task, index, warned) {
  const key = sourceKey(task.source);
  const noUnit = task.lead.length === 0 && task.support.length === 0;
  const outside = UNIT_FIELDS.some((field) => task[field].some(outsideDirectory));
  const classes = ['task-row', noUnit ? 'missing-unit' : '', task.checked ? 'checked' : ''];
  const cell = (attributes, ...children) => element('div', { role: 'cell', ...attributes, class: 'cell' + (attributes.class ? ' ' + attributes.class : '') }, ...children);
  return element('div', { class: classes.join(' ').trim(), role: 'row', 'data-index': index, 'data-key': key },
    cell({ class: 'check' }, element('input', { type: 'checkbox', 'data-action': 'check', checked: Boolean(task.checked), title: task.checked ? '已核对（点击取消）' : '核对无误后勾选' })),
    cell({ class: 'seq' }, editable('seq', task.seq || '')),
    cell({ class: 'task' },
      noUnit ? element('span', { class: 'mark no-unit', title: '没有牵头单位，也没有配合单位' }, '无单位') : null,
      warned.has(key) || warned.has(cellKey(task.source)) ? element('span', { class: 'mark warn', title: '原文该处有识别提示' }, '⚠') : null,
      outside ? element('span', { class: 'mark outside', title: '有单位不在单位名录中' }, '名录外') : null,
      editable('text', task.text)),
    ...LIST_FIELDS.map((field) => cell({ class: field }, chips(task, field))),
    cell({ class: 'deadline' }, editable('deadline', task.deadline || '')),
    cell({ class: 'actions' }, element('button', { type: 'button', class: 'delete', 'data-action': 'delete', title: '删除这项任务' }, '删')));
}

function taskRowNode(index) {
  return $('tasks').querySelector('.task-row[data-index="' + index + '"]');
}

function editable(field, text) {
  return element('div', { contenteditable: 'plaintext-only', spellcheck: 'false', 'data-edit': field }, text);
}

function chips(task, field) {
  const unit = UNIT_FIELDS.includes(field);
  const other = field === 'lead' ? 'support' : field === 'support' ? 'lead' : null;
  const box = element('div', { class: 'chips', 'data-field': field });
  task[field].forEach((name, position) => {
    const canonical = unit && directory.given ? directory.known.get(name) : undefined;
    const classes = ['chip', canonical === null ? 'outside' : '', canonical && canonical !== name ? 'alias' : ''].join(' ').trim();
    const title = canonical === null ? '不在单位名录中' : canonical && canonical !== name ? '名录中的名称：' + canonical : null;
    box.append(element('span', { class: classes, 'data-position': position, title },
      element('span', { class: 'name' }, name),
      canonical && canonical !== name ? element('button', { type: 'button', 'data-action': 'canonical', title: '改为名录中的名称：' + canonical }, '≈') : null,
      other ? element('button', { type: 'button', class: 'move', 'data-action': 'move', title: other === 'lead' ? '改为牵头单位' : '改为配合单位' }, '⇄') : null,
      element('button', { type: 'button', class: 'remove', 'data-action': 'remove', title: '去掉' }, '×')));
  });
  // The list of names is attached while the input has focus: a datalist that hundreds of inputs
  // name is updated for each of them whenever it changes.
  box.append(element('input', { class: 'add-unit', 'data-units': unit ? '' : null, placeholder: '＋添加', 'aria-label': '添加' + FIELD_NAMES[field] }));
  return box;
}

// The title is the text's first sentence where the reader made it so; it follows the text.
function setTaskText(task, text) {
  if (task.text.startsWith(task.title) || !task.title) {
    task.title = text.split(/[。；]/)[0].trim();
  }
  task.text = text;
}

function moveUnit(task, from, to, position) {
  const [name] = task[from].splice(position, 1);
  if (!task[to].includes(name)) task[to].push(name);
}

function rowIndex(node) {
  const row = node.closest('.task-row');
  return row ? Number(row.dataset.index) : null;
}

// Every edit of the table, from one listener each (a 300-task table has thousands of controls).
function onTableClick(event) {
  const index = rowIndex(event.target);
  if (index == null) return;
  const action = event.target.closest('[data-action]');
  if (!action) { selectRow(index); return; }
  event.stopPropagation();
  const task = current.register.tasks[index];
  const label = taskLabel(task);
  const chip = action.closest('.chip');
  const field = action.closest('[data-field]') && action.closest('[data-field]').dataset.field;
  const position = chip ? Number(chip.dataset.position) : null;
  switch (action.dataset.action) {
    case 'check':
      commit((task.checked ? '取消核对 ' : '核对 ') + label, (t) => { t.tasks[index].checked = !task.checked; });
      break;
    case 'delete':
      selectedIndex = null;
      commit('删除任务 ' + label, (t) => { t.tasks.splice(index, 1); });
      break;
    case 'remove':
      commit('去掉' + FIELD_NAMES[field] + ' ' + task[field][position], (t) => { t.tasks[index][field].splice(position, 1); });
      break;
    case 'move': {
      const other = field === 'lead' ? 'support' : 'lead';
      commit(task[field][position] + ' 改为' + FIELD_NAMES[other], (t) => moveUnit(t.tasks[index], field, other, position));
      break;
    }
    case 'canonical': {
      const name = task[field][position];
      const canonical = directory.known.get(name);
      commit(name + ' 改为 ' + canonical, (t) => {
        const units = t.tasks[index][field];
        if (units.includes(canonical)) units.splice(position, 1);
        else units[position] = canonical;
      });
      break;
    }
    default:
  }
}

function onTableFocusOut(event) {
  const node = event.target;
  const index = rowIndex(node);
  if (index == null || !current.register.tasks[index]) return;
  const task = current.register.tasks[index];
  if (node.dataset.edit) {
    const field = node.dataset.edit;
    // A task's text keeps its paragraphs; a number or a deadline is one line.
    const clean = (value) => (field === 'text'
      ? value.split('\n').map((line) => line.trim()).filter(Boolean).join('\n')
      : value.replace(/\s*\n\s*/g, '').trim());
    const edited = clean(node.innerText);
    if (edited === clean(task[field] || '')) return;
    const names = { seq: '序号', text: '任务', deadline: '完成时限' };
    commit('修改' + names[field] + ' ' + taskLabel(task), (t) => {
      const target = t.tasks[index];
      if (field === 'text') setTaskText(target, edited);
      else target[field] = edited || null;
      // The due date is derived from the deadline: the server works it out again on saving.
      if (field === 'deadline') target.due = null;
    });
  } else if (node.classList.contains('add-unit') && event.relatedTarget !== node) {
    node.removeAttribute('list');
    addUnits(node, index);
  }
}

function onTableKeyDown(event) {
  const node = event.target;
  if (node.dataset.edit) {
    if (event.key === 'Enter') { event.preventDefault(); node.blur(); }
    if (event.key === 'Escape') {
      const task = current.register.tasks[rowIndex(node)];
      node.innerText = task[node.dataset.edit] || '';
      node.blur();
    }
  } else if (node.classList.contains('add-unit') && event.key === 'Enter') {
    event.preventDefault();
    addUnits(node, rowIndex(node));
  }
}

function addUnits(input, index) {
  const field = input.closest('[data-field]').dataset.field;
  const task = current.register.tasks[index];
  const names = input.value.split(/[、，,；;\s]+/).map((n) => n.trim()).filter(Boolean);
  input.value = '';
  const fresh = names.filter((n, i) => !task[field].includes(n) && names.indexOf(n) === i);
  if (!fresh.length) return;
  commit('添加' + FIELD_NAMES[field] + ' ' + fresh.join('、'), (t) => { t.tasks[index][field].push(...fresh); });
  // Focus stays in the row's new input, to add another.
  const row = taskRowNode(index);
  const again = row && row.querySelector('[data-field="' + field + '"] input.add-unit');
  if (again) again.focus();
  if (UNIT_FIELDS.includes(field)) lookUpUnits();
}

function selectRow(index) {
  selectedIndex = index;
  for (const row of document.querySelectorAll('.task-row.selected')) row.classList.remove('selected');
  const row = taskRowNode(index);
  if (row) row.classList.add('selected');
  const task = current.register.tasks[index];
  highlightSource(sourceKey(task.source), cellKey(task.source));
}

// ---- The unit directory ----

async function loadDirectory(given = null) {
  try {
    const units = given || await (await api('/api/units')).json();
    directory.given = units.directory;
    directory.names = units.names;
    offeredNames = '';
    if (current) updateUnitNames();
  } catch (_) { /* without it nothing is marked */ }
}

// Asks the server which of the register's unit names the directory lists (it compares them by
// the standard short forms, as `check --units` does), then marks the rows that changed.
async function lookUpUnits() {
  if (!directory.given || !current) return;
  const names = new Set();
  for (const task of current.register.tasks) for (const field of UNIT_FIELDS) for (const name of task[field]) if (!directory.known.has(name)) names.add(name);
  if (!names.size) return;
  try {
    const found = await (await postJson('/api/units/lookup', [...names])).json();
    for (const { name, canonical } of found) directory.known.set(name, canonical);
    // Only the rows naming these units are drawn again: their marks are part of what a row
    // is drawn from.
    renderTasks();
  } catch (_) { /* marks are a help, not a condition */ }
}

// ---- Editing, undo and saving ----

// One edit: `change` applied to the register, remembered for undo under `label`.
function commit(label, change) {
  history.push({ label, register: JSON.stringify(current.register) });
  let size = history.reduce((sum, step) => sum + step.register.length, 0);
  while (history.length > UNDO_MIN && size > UNDO_BUDGET) size -= history.shift().register.length;
  future = [];
  change(current.register);
  redraw();
  showStatus(label);
  persist();
}

function redraw() {
  renderTasks();
  updateUndo();
  if (comparison) comparison.stale = true;
  if (view === 'compare') runComparison();
}

function undo() {
  const step = history.pop();
  if (!step) return;
  future.push({ label: step.label, register: JSON.stringify(current.register) });
  current.register = JSON.parse(step.register);
  redraw();
  persist('已撤销：' + step.label);
}

function redo() {
  const step = future.pop();
  if (!step) return;
  history.push({ label: step.label, register: JSON.stringify(current.register) });
  current.register = JSON.parse(step.register);
  redraw();
  persist('已重做：' + step.label);
}

function updateUndo() {
  $('undo').disabled = history.length === 0;
  $('undo').title = history.length ? '撤销：' + history[history.length - 1].label + ' (Ctrl+Z)' : '没有可撤销的修改';
  $('redo').disabled = future.length === 0;
  $('redo').title = future.length ? '重做：' + future[future.length - 1].label + ' (Ctrl+Y)' : '没有可重做的修改';
}

function addTask() {
  const at = selectedIndex == null ? current.register.tasks.length : selectedIndex + 1;
  commit('新增任务', (register) => {
    const near = register.tasks[at - 1];
    const ids = new Set(register.tasks.map((t) => t.id));
    let n = 1;
    while (ids.has('new-' + n)) n += 1;
    register.tasks.splice(at, 0, { id: 'new-' + n, seq: null, section: near ? [...near.section] : [], title: '新任务', text: '新任务',
      lead: [], support: [], persons: [], leaders: [], deadline: null, due: null, items: [], source: {}, printed: {} });
    selectedIndex = at;
  });
  const row = taskRowNode(at);
  if (row) { row.scrollIntoView({ block: 'center' }); row.querySelector('[data-edit="text"]').focus(); }
}

// Saves run one after another, so the last change is the one that stays.
function persist(done = null) {
  const snapshot = JSON.stringify(current.register);
  const target = current;
  saving = saving.then(async () => {
    const time = new Date().toLocaleTimeString('zh-CN');
    if (target.path == null) {
      localStorage.setItem(storageKey(target.register), snapshot);
      showStatus((done ? done + '，' : '') + '已保存在浏览器中 ' + time);
      return;
    }
    try {
      const saved = await (await api('/api/register?path=' + encodeURIComponent(target.path), {
        method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: snapshot })).json();
      showStatus((done ? done + '，' : '') + '已保存到 ' + saved.saved + ' ' + time);
      markSaved(target.path);
    } catch (error) {
      showStatus('保存失败：' + error.message, true);
    }
  });
  return saving;
}

async function download(format) {
  if (!current) { showStatus('请先打开一个通知', true); return; }
  await saving;
  try {
    const response = await postJson('/api/export?format=' + format + '&name=' + encodeURIComponent(current.name), current.register);
    const stem = current.name.replace(/\.[^.]*$/, '');
    saveBlob(await response.blob(), stem + '.' + format);
    showStatus('已下载 ' + stem + '.' + format);
  } catch (error) {
    showStatus('下载失败：' + error.message, true);
  }
}

// ---- Comparing with last year ----

function showView(which) {
  view = which;
  $('register-view').hidden = which !== 'register';
  $('compare-view').hidden = which !== 'compare';
  for (const [id, name] of [['tab-register', 'register'], ['tab-compare', 'compare']]) {
    $(id).classList.toggle('current', which === name);
    $(id).setAttribute('aria-selected', String(which === name));
  }
  if (which === 'compare' && comparison && comparison.stale) runComparison();
}

function fillComparePick() {
  const pick = $('compare-pick');
  const options = folderDocuments.filter((doc) => !current || doc.path !== current.path)
    .map((doc) => element('option', { value: doc.path }, doc.path));
  pick.replaceChildren(element('option', { value: '' }, '从文件夹中选择…'), ...options);
}

async function compareWith(name, load) {
  if (!current) { showStatus('请先打开今年的通知', true); return; }
  showStatus('正在读取 ' + name + '…');
  try {
    const opened = await load();
    comparison = { name, old: opened.register, result: null, stale: true };
    await runComparison();
  } catch (error) {
    showStatus(error.message, true);
  }
}

async function runComparison() {
  if (!comparison || !current) return;
  const asked = comparison;
  asked.stale = false;
  try {
    const result = await (await postJson('/api/compare', { old: asked.old, new: current.register })).json();
    if (asked !== comparison) return;
    asked.result = result;
    renderComparison();
    const changes = result.groups.reduce((sum, g) => sum + g.changes.length, 0);
    showStatus(changes ? '对比完成：' + changes + ' 处变化' : '对比完成：没有变化');
  } catch (error) {
    showStatus('对比失败：' + error.message, true);
  }
}

const GROUP_NAMES = {
  added: ['新增任务', '今年有、往年没有的任务'],
  removed: ['删除任务', '往年有、今年没有的任务'],
  changed: ['修改的任务', '内容、单位、责任人或时限有变化'],
  renumbered: ['编号或位置变化', '内容未变，只是序号或所在部分变了'],
  split: ['拆分', '往年一项任务，今年分为几项'],
  merged: ['合并', '往年几项任务，今年合为一项'],
};

function renderComparison() {
  const box = $('compare-result');
  $('compare-hint').hidden = Boolean(comparison && comparison.result);
  $('compare-download').hidden = !(comparison && comparison.result);
  if (!comparison || !comparison.result) { box.replaceChildren(); return; }
  const { summary, groups, units } = comparison.result;
  // Counted as the groups below list them: a task only renumbered or moved is not 修改.
  const size = Object.fromEntries(groups.map((g) => [g.group, g.changes.length]));
  const counts = [['新增', size.added, 'added'], ['删除', size.removed, 'removed'], ['修改', size.changed, 'changed'],
    ['编号变化', size.renumbered, 'renumbered'], ['拆分', size.split, 'split'], ['合并', size.merged, 'merged'], ['未变', summary.unchanged, 'same']];
  const nodes = [
    element('p', { class: 'compare-title' }, '往年：', element('b', {}, comparison.name), ' → 今年：', element('b', {}, current.name)),
    element('p', { class: 'summary' }, ...counts.map(([name, n, kind]) => element('span', { class: 'count ' + kind + (n ? '' : ' zero') }, name + ' ' + n))),
  ];
  for (const group of groups) {
    if (!group.changes.length) continue;
    const [title, note] = GROUP_NAMES[group.group];
    nodes.push(element('section', { class: 'group ' + group.group, 'data-group': group.group },
      element('h3', {}, title + '（' + group.changes.length + '）', element('small', {}, note)),
      element('ul', {}, ...group.changes.map((change) => changeItem(change)))));
  }
  if (units.length) nodes.push(unitTable(units));
  if (!groups.some((g) => g.changes.length)) nodes.push(element('p', { class: 'hint' }, '两份分解表的任务相同，没有变化。'));
  box.replaceChildren(...nodes);
}

function taskLink(ref, side) {
  const label = ref.seq ? ref.seq + ' ' + ref.title : ref.title;
  if (side !== 'new') return element('span', { class: 'task-ref old' }, label);
  return element('a', { class: 'task-ref', title: '在分解表中查看', onclick: () => showTask(ref.id) }, label);
}

function showTask(id) {
  const index = current.register.tasks.findIndex((t) => t.id === id);
  if (index < 0) return;
  showView('register');
  selectRow(index);
  const row = taskRowNode(index);
  if (row) row.scrollIntoView({ block: 'center' });
}

function changeItem({ change, spans }) {
  switch (change.kind) {
    case 'added': return element('li', {}, element('span', { class: 'sign' }, '＋'), taskLink(change.new, 'new'));
    case 'removed': return element('li', {}, element('span', { class: 'sign' }, '－'), taskLink(change.old, 'old'));
    case 'split': return element('li', {}, taskLink(change.old, 'old'), ' 拆分为 ',
      ...change.new.flatMap((ref, i) => [i ? '；' : null, taskLink(ref, 'new')]));
    case 'merged': return element('li', {}, ...change.old.flatMap((ref, i) => [i ? '；' : null, taskLink(ref, 'old')]),
      ' 合并为 ', taskLink(change.new, 'new'));
    default: return element('li', {}, taskLink(change.new, 'new'),
      element('ul', { class: 'details' }, ...change.details.map((detail, i) => detailItem(detail, spans[i]))));
  }
}

function detailItem(detail, spans) {
  const none = '（无）';
  switch (detail.field) {
    case 'renumbered': return element('li', {}, '序号：', detail.old || none, ' → ', detail.new || none);
    case 'moved': return element('li', {}, '所在部分：', detail.old.join(' › ') || none, ' → ', detail.new.join(' › ') || none);
    case 'title':
    case 'text': return element('li', {}, detail.field === 'title' ? '标题：' : '内容：', ...inlineSpans(spans));
    case 'deadline': return element('li', {}, '完成时限：', detail.old || none, ' → ', detail.new || none);
    default: return element('li', {}, FIELD_NAMES[detail.field] + '：',
      ...detail.added.map((name) => element('ins', { class: 'unit' }, '＋' + name)), ...detail.removed.map((name) => element('del', { class: 'unit' }, '－' + name)));
  }
}

function inlineSpans(spans) {
  return (spans || []).map((span) => {
    if (span.inserted != null) return element('ins', {}, span.inserted);
    if (span.removed != null) return element('del', {}, span.removed);
    return span.same;
  });
}

function unitTable(units) {
  const list = (names, kind) => element('td', { class: kind }, names.join('、'));
  return element('section', { class: 'group units' },
    element('h3', {}, '各单位任务增减（' + units.length + '）', element('small', {}, '按任务序号')),
    element('table', { class: 'unit-changes' },
      element('thead', {}, element('tr', {}, ...['单位', '新增牵头', '不再牵头', '新增配合', '不再配合'].map((h) => element('th', {}, h)))),
      element('tbody', {}, ...units.map((u) => element('tr', {}, element('td', { class: 'unit' }, u.unit),
        list(u.lead_gained, 'gain'), list(u.lead_lost, 'loss'), list(u.support_gained, 'gain'), list(u.support_lost, 'loss'))))));
}

async function downloadComparison() {
  if (!comparison) return;
  try {
    const response = await postJson('/api/compare?format=xlsx&name=' + encodeURIComponent(current.name), { old: comparison.old, new: current.register });
    const name = current.name.replace(/\.[^.]*$/, '') + '-对比.xlsx';
    saveBlob(await response.blob(), name);
    showStatus('已下载 ' + name);
  } catch (error) {
    showStatus('下载失败：' + error.message, true);
  }
}

// ---- Wiring ----

$('pick').addEventListener('change', (event) => { addUploads([...event.target.files]); event.target.value = ''; });
$('document-list').addEventListener('click', (event) => {
  const li = event.target.closest('li[data-path]');
  if (li) openFromFolder(li.dataset.path);
});
$('upload-list').addEventListener('click', (event) => {
  const li = event.target.closest('li[data-upload]');
  if (li) openUpload(uploads.get(li.dataset.upload));
});
$('undo').addEventListener('click', undo);
$('redo').addEventListener('click', redo);
$('add-task').addEventListener('click', addTask);
$('tasks').addEventListener('click', onTableClick);
$('tasks').addEventListener('focusout', onTableFocusOut);
$('tasks').addEventListener('keydown', onTableKeyDown);
$('tasks').addEventListener('focusin', (event) => {
  if (event.target.matches('input[data-units]')) event.target.setAttribute('list', 'unit-names');
});
// A name picked from the offered list is added at once, as if typed and confirmed.
$('tasks').addEventListener('input', (event) => {
  const node = event.target;
  if (node.classList.contains('add-unit') && (!event.inputType || event.inputType === 'insertReplacementText')) addUnits(node, rowIndex(node));
});
$('hide-checked').addEventListener('change', (event) => $('register').classList.toggle('hide-checked', event.target.checked));
$('tab-register').addEventListener('click', () => showView('register'));
$('tab-compare').addEventListener('click', () => showView('compare'));
$('compare-pick').addEventListener('change', (event) => {
  const path = event.target.value;
  if (path) compareWith(path, async () => (await api('/api/document?path=' + encodeURIComponent(path))).json());
});
$('compare-file').addEventListener('change', (event) => {
  const [file] = event.target.files;
  event.target.value = '';
  if (file) compareWith(file.name, () => readUpload(file));
});
$('compare-download').addEventListener('click', downloadComparison);
for (const button of document.querySelectorAll('#downloads button')) button.addEventListener('click', () => download(button.dataset.format));
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const editing = target.isContentEditable || (target.tagName === 'INPUT' && target.type !== 'checkbox') || target.tagName === 'SELECT';
  if (!(event.ctrlKey || event.metaKey) || editing) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) { event.preventDefault(); undo(); }
  if (key === 'y' || (key === 'z' && event.shiftKey)) { event.preventDefault(); redo(); }
});
let dragDepth = 0;
document.addEventListener('dragenter', (event) => { event.preventDefault(); dragDepth += 1; $('drop-cover').hidden = false; });
document.addEventListener('dragleave', () => { dragDepth -= 1; if (dragDepth <= 0) { dragDepth = 0; $('drop-cover').hidden = true; } });
document.addEventListener('dragover', (event) => event.preventDefault());
document.addEventListener('drop', (event) => {
  event.preventDefault();
  dragDepth = 0;
  $('drop-cover').hidden = true;
  const files = [...event.dataTransfer.files];
  // Dropped on the compare view: last year's document; anywhere else: notices to open.
  if (view === 'compare' && files.length) compareWith(files[0].name, () => readUpload(files[0]));
  else addUploads(files);
});
const boot = bootData();
loadDocumentList(boot && boot.listing);
loadDirectory(boot && boot.units);
