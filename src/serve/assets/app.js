// The review page: open a notice, check each task against the line it came from, correct the
// register, download it. Every change is saved at once: to NAME.yaml beside the notice in the
// served folder, or to the browser's storage for a dropped file.
'use strict';

const $ = (id) => document.getElementById(id);
const UNIT_FIELDS = ['lead', 'support'];
const LIST_FIELDS = ['lead', 'support', 'persons', 'leaders'];
const UNDO_DEPTH = 200;

// What is open: its name, where it is saved, the register being edited and what it was read from.
let current = null;
let history = [];
let selectedIndex = null;
let saving = Promise.resolve();
const uploads = new Map();

// The key of a task's source, as the server keys the source lines (see serve/source.rs).
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

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function showStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
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

// ---- Opening documents ----

async function loadDocumentList() {
  const list = $('document-list');
  try {
    const listing = await (await api('/api/documents')).json();
    list.replaceChildren();
    if (listing.documents.length === 0) list.append(element('li', { class: 'empty' }, '（没有可读的文件）'));
    for (const doc of listing.documents) {
      list.append(element('li', { 'data-path': doc.path, title: doc.path, onclick: () => openFromFolder(doc.path) },
        doc.path, doc.saved ? element('span', { class: 'badge' }, '已修改') : null));
    }
    markCurrentInLists();
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

async function openUpload(file) {
  showStatus('正在读取 ' + file.name + '…');
  try {
    const response = await api('/api/import?name=' + encodeURIComponent(file.name), { method: 'POST', body: file });
    const opened = await response.json();
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
  const list = $('upload-list');
  list.replaceChildren();
  for (const [name, file] of uploads) {
    list.append(element('li', { 'data-upload': name, onclick: () => openUpload(file) }, name));
  }
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
  selectedIndex = null;
  $('hint').hidden = true;
  $('register').hidden = false;
  $('add-row').hidden = false;
  $('doc-name').textContent = opened.name;
  renderSource();
  renderWarnings();
  renderTasks();
  updateUndo();
  markCurrentInLists();
}

function markCurrentInLists() {
  for (const li of document.querySelectorAll('nav li')) {
    const isCurrent = current && (current.path ? li.dataset.path === current.path : li.dataset.upload === current.name);
    li.classList.toggle('current', Boolean(isCurrent));
  }
}

// ---- Rendering ----

function warnedKeys() {
  return new Set(current.warnings.map((w) => w.key).filter(Boolean));
}

function renderSource() {
  const source = $('source');
  const warned = warnedKeys();
  const lines = current.source_lines;
  $('source-note').textContent = lines.length ? '' : '（分解表文件没有原文可对照）';
  const fragment = document.createDocumentFragment();
  for (const line of lines) {
    fragment.append(element('li', { 'data-key': line.key, class: warned.has(line.key) ? 'warned' : '' },
      element('span', { class: 'no' }, line.label), element('span', { class: 'text' }, line.text)));
  }
  source.replaceChildren(fragment);
}

function renderWarnings() {
  const box = $('warnings-box');
  const list = $('warnings');
  box.hidden = current.warnings.length === 0;
  $('warning-count').textContent = '（' + current.warnings.length + '）';
  list.replaceChildren(...current.warnings.map((warning) => element('li', {},
    warning.key ? element('a', { onclick: () => highlightSource(warning.key) }, '第 ' + warning.label + ' 行') : null,
    warning.message)));
}

function allUnits() {
  const names = new Set();
  for (const task of current.register.tasks) for (const field of UNIT_FIELDS) for (const name of task[field]) names.add(name);
  return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

function renderTasks() {
  const body = $('tasks');
  const warned = warnedKeys();
  const fragment = document.createDocumentFragment();
  let section = null;
  current.register.tasks.forEach((task, index) => {
    const heading = task.section.join(' › ');
    if (heading && heading !== section) fragment.append(element('tr', { class: 'section' }, element('td', { colspan: 8 }, heading)));
    section = heading;
    fragment.append(taskRow(task, index, warned));
  });
  body.replaceChildren(fragment);
  $('unit-names').replaceChildren(...allUnits().map((name) => element('option', { value: name })));
}

function taskRow(task, index, warned) {
  const key = sourceKey(task.source);
  const noUnit = task.lead.length === 0 && task.support.length === 0;
  const classes = ['task-row', noUnit ? 'missing-unit' : '', index === selectedIndex ? 'selected' : ''].join(' ');
  return element('tr', { class: classes, 'data-index': index, 'data-key': key, onclick: () => selectRow(index) },
    element('td', {}, editableText(task.seq || '', (text) => commit((t) => { t.tasks[index].seq = text || null; }))),
    element('td', { class: 'task' },
      noUnit ? element('span', { class: 'mark no-unit', title: '没有牵头单位，也没有配合单位' }, '无单位') : null,
      warned.has(key) ? element('span', { class: 'mark warn', title: '原文该处有识别提示' }, '⚠') : null,
      editableText(task.text, (text) => commit((t) => setTaskText(t.tasks[index], text)))),
    ...LIST_FIELDS.map((field) => element('td', {}, chips(index, field))),
    element('td', {}, editableText(task.deadline || '', (text) => commit((t) => {
      // The due date is derived from the deadline: the server works it out again on saving.
      t.tasks[index].deadline = text || null;
      t.tasks[index].due = null;
    }))),
    element('td', {}, element('button', { type: 'button', class: 'delete', title: '删除这项任务',
      onclick: (event) => { event.stopPropagation(); commit((t) => { t.tasks.splice(index, 1); }); } }, '删')));
}

// The title is the text's first sentence where the reader made it so; it follows the text.
function setTaskText(task, text) {
  if (task.text.startsWith(task.title) || !task.title) {
    task.title = text.split(/[。；]/)[0].trim();
  }
  task.text = text;
}

function editableText(text, onChange) {
  const node = element('div', { contenteditable: 'plaintext-only', spellcheck: 'false' }, text);
  node.addEventListener('blur', () => {
    const edited = node.innerText.replace(/\s*\n\s*/g, '').trim();
    if (edited !== text.trim()) onChange(edited);
  });
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); node.blur(); }
    if (event.key === 'Escape') { node.innerText = text; node.blur(); }
  });
  return node;
}

function chips(index, field) {
  const task = current.register.tasks[index];
  const other = field === 'lead' ? 'support' : field === 'support' ? 'lead' : null;
  const box = element('div', { class: 'chips', 'data-field': field });
  task[field].forEach((name, position) => {
    box.append(element('span', { class: 'chip' }, name,
      other ? element('button', { type: 'button', class: 'move', title: other === 'lead' ? '改为牵头单位' : '改为配合单位',
        onclick: (event) => { event.stopPropagation(); commit((t) => moveUnit(t.tasks[index], field, other, position)); } }, '⇄') : null,
      element('button', { type: 'button', class: 'remove', title: '去掉',
        onclick: (event) => { event.stopPropagation(); commit((t) => { t.tasks[index][field].splice(position, 1); }); } }, '×')));
  });
  const input = element('input', { class: 'add-unit', list: UNIT_FIELDS.includes(field) ? 'unit-names' : null, placeholder: '＋添加' });
  const add = () => {
    const names = input.value.split(/[、，,；;\s]+/).map((n) => n.trim()).filter(Boolean);
    input.value = '';
    const fresh = names.filter((n) => !task[field].includes(n));
    if (fresh.length) commit((t) => { t.tasks[index][field].push(...fresh); });
  };
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); add(); } });
  input.addEventListener('change', add);
  input.addEventListener('click', (event) => event.stopPropagation());
  box.append(input);
  return box;
}

function moveUnit(task, from, to, position) {
  const [name] = task[from].splice(position, 1);
  if (!task[to].includes(name)) task[to].push(name);
}

function selectRow(index) {
  selectedIndex = index;
  for (const row of document.querySelectorAll('tr.task-row')) row.classList.toggle('selected', Number(row.dataset.index) === index);
  highlightSource(sourceKey(current.register.tasks[index].source));
}

function highlightSource(key) {
  for (const line of document.querySelectorAll('#source li.hl')) line.classList.remove('hl');
  if (!key) return;
  const line = document.querySelector('#source li[data-key="' + CSS.escape(key) + '"]');
  if (!line) return;
  line.classList.add('hl');
  line.scrollIntoView({ block: 'center' });
}

// ---- Editing and saving ----

function commit(change) {
  history.push(JSON.stringify(current.register));
  if (history.length > UNDO_DEPTH) history.shift();
  change(current.register);
  renderTasks();
  updateUndo();
  persist();
}

function undo() {
  if (!history.length) return;
  current.register = JSON.parse(history.pop());
  renderTasks();
  updateUndo();
  persist();
}

function updateUndo() {
  $('undo').disabled = history.length === 0;
}

function addTask() {
  commit((register) => {
    const at = selectedIndex == null ? register.tasks.length : selectedIndex + 1;
    const near = register.tasks[at - 1];
    const ids = new Set(register.tasks.map((t) => t.id));
    let n = 1;
    while (ids.has('new-' + n)) n += 1;
    register.tasks.splice(at, 0, { id: 'new-' + n, seq: null, section: near ? [...near.section] : [], title: '新任务', text: '新任务',
      lead: [], support: [], persons: [], leaders: [], deadline: null, due: null, items: [], source: {}, printed: {} });
    selectedIndex = at;
  });
}

// Saves run one after another, so the last change is the one that stays.
function persist() {
  const snapshot = JSON.stringify(current.register);
  const target = current;
  saving = saving.then(async () => {
    if (target.path == null) {
      localStorage.setItem(storageKey(target.register), snapshot);
      showStatus('已保存在浏览器中 ' + new Date().toLocaleTimeString('zh-CN'));
      return;
    }
    showStatus('正在保存…');
    try {
      const saved = await (await api('/api/register?path=' + encodeURIComponent(target.path), {
        method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: snapshot })).json();
      showStatus('已保存到 ' + saved.saved + ' ' + new Date().toLocaleTimeString('zh-CN'));
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
    const response = await api('/api/export?format=' + format + '&name=' + encodeURIComponent(current.name), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(current.register) });
    const blob = await response.blob();
    const stem = current.name.replace(/\.[^.]*$/, '');
    const link = element('a', { href: URL.createObjectURL(blob), download: stem + '.' + format });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    showStatus('已下载 ' + stem + '.' + format);
  } catch (error) {
    showStatus('下载失败：' + error.message, true);
  }
}

// ---- Wiring ----

$('pick').addEventListener('change', (event) => { addUploads([...event.target.files]); event.target.value = ''; });
$('undo').addEventListener('click', undo);
$('add-task').addEventListener('click', addTask);
for (const button of document.querySelectorAll('#downloads button')) button.addEventListener('click', () => download(button.dataset.format));
document.addEventListener('keydown', (event) => {
  const editing = event.target.isContentEditable || event.target.tagName === 'INPUT';
  if ((event.ctrlKey || event.metaKey) && event.key === 'z' && !editing) { event.preventDefault(); undo(); }
});
let dragDepth = 0;
document.addEventListener('dragenter', (event) => { event.preventDefault(); dragDepth += 1; $('drop-cover').hidden = false; });
document.addEventListener('dragleave', () => { dragDepth -= 1; if (dragDepth <= 0) { dragDepth = 0; $('drop-cover').hidden = true; } });
document.addEventListener('dragover', (event) => event.preventDefault());
document.addEventListener('drop', (event) => {
  event.preventDefault();
  dragDepth = 0;
  $('drop-cover').hidden = true;
  addUploads([...event.dataTransfer.files]);
});
loadDocumentList();
