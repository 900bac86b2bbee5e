// Files and the address bar in the browser: the hidden file input, uploads with
// progress (XMLHttpRequest: fetch has no upload progress), authorized document
// downloads, and the location hash. The JS only moves bytes and events; the
// app decides what to accept and what to do with answers.
#include <emscripten.h>

#include <cstdlib>
#include <deque>
#include <string>

#include "client/platform/platform.h"
#include "client/platform/web_runtime.h"

namespace {

std::deque<parta::platform::FileEvent> file_events;
bool hash_changed = false;

void push(parta::platform::FileEvent event) {
  file_events.push_back(std::move(event));
  parta::platform::request_redraw();
}

std::string take_js_string(char* p) {
  if (p == nullptr) return {};
  std::string out(p);
  std::free(p);
  return out;
}

}  // namespace

// --- called from the JS below
extern "C" EMSCRIPTEN_KEEPALIVE void parta_file_chosen(const char* name, double size, const unsigned char* head, int head_len) {
  parta::platform::FileEvent e;
  e.kind = parta::platform::FileEventKind::Chosen;
  e.name = name;
  e.size = size;
  e.head.assign(reinterpret_cast<const char*>(head), static_cast<std::size_t>(head_len));
  push(std::move(e));
}

extern "C" EMSCRIPTEN_KEEPALIVE void parta_file_progress(double ratio) {
  parta::platform::FileEvent e;
  e.kind = parta::platform::FileEventKind::Progress;
  e.progress = ratio;
  push(std::move(e));
}

extern "C" EMSCRIPTEN_KEEPALIVE void parta_file_answer(int kind, int status, const char* body) {
  parta::platform::FileEvent e;
  e.kind = static_cast<parta::platform::FileEventKind>(kind);
  e.http_status = status;
  e.body = body;
  push(std::move(e));
}

extern "C" EMSCRIPTEN_KEEPALIVE void parta_hash_changed() {
  hash_changed = true;
  parta::platform::request_redraw();
}

namespace parta::platform {
namespace {

EM_JS(void, js_files_install, (), {
  function cstr(s) {
    var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  }
  Module.partaCstr = cstr;
  Module.partaAnswer = function(kind, status, body) {
    var p = cstr(body || "");
    _parta_file_answer(kind, status, p);
    _free(p);
  };
  var input = document.getElementById('parta-file');
  if (input) {
    input.addEventListener('change', function() {
      var file = input.files && input.files[0];
      if (!file) return;
      Module.partaFile = file;
      input.value = "";  // choosing the same file again fires 'change' again
      file.slice(0, 16).arrayBuffer().then(function(buf) {
        var head = new Uint8Array(buf), hp = _malloc(Math.max(1, head.length)), np = cstr(file.name);
        HEAPU8.set(head, hp);
        _parta_file_chosen(np, file.size, hp, head.length);
        _free(hp);
        _free(np);
      });
    });
  }
  window.addEventListener('hashchange', function() { _parta_hash_changed(); });
  window.addEventListener('popstate', function() { _parta_hash_changed(); });
});

EM_JS(void, js_file_choose, (const char* accept, int len), {
  var input = document.getElementById('parta-file');
  if (!input) return;
  input.accept = UTF8ToString(accept, len);
  input.click();
});

EM_JS(void, js_file_upload, (), {
  var file = Module.partaFile;
  if (!file) { Module.partaAnswer(2, 0, ""); return; }
  var xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/upload?name=' + encodeURIComponent(file.name));
  xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
  xhr.upload.onprogress = function(e) { if (e.lengthComputable && e.total > 0) _parta_file_progress(e.loaded / e.total); };
  xhr.onload = function() { Module.partaAnswer(2, xhr.status, xhr.responseText); };
  xhr.onerror = function() { Module.partaAnswer(2, 0, ""); };
  xhr.send(file);
});

// Only the accepted document types are shown inline; anything else is saved.
EM_JS(void, js_download, (const char* url, const char* token, const char* name), {
  var u = UTF8ToString(url), t = UTF8ToString(token), n = UTF8ToString(name), status = 0;
  fetch(u, { headers: { 'Authorization': 'Bearer ' + t }, credentials: 'same-origin' }).then(function(r) {
    status = r.status;
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.blob();
  }).then(function(blob) {
    var types = ['application/pdf', 'image/png', 'image/jpeg'];
    var typed = new Blob([blob], { type: types.indexOf(blob.type) >= 0 ? blob.type : 'application/octet-stream' });
    var href = URL.createObjectURL(typed);
    var w = typed.type !== 'application/octet-stream' ? window.open(href, '_blank') : null;
    if (!w) {
      var a = document.createElement('a');
      a.href = href;
      a.download = n || 'document';
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    setTimeout(function() { URL.revokeObjectURL(href); }, 60000);
    Module.partaAnswer(3, status, "");
  }).catch(function() { Module.partaAnswer(4, status, ""); });
});

EM_JS(char*, js_location_hash, (), { return Module.partaCstr(location.hash || ""); });
EM_JS(char*, js_page_origin, (), { return Module.partaCstr(location.origin || ""); });
EM_JS(void, js_set_hash, (const char* hash, int len, int replace), {
  var h = UTF8ToString(hash, len);
  if (location.hash === h || (h === '#/' && location.hash === "")) return;
  if (replace) history.replaceState(null, "", h);
  else history.pushState(null, "", h);
});

}  // namespace

void files_install() { js_files_install(); }

void file_choose(std::string_view accept) { js_file_choose(accept.data(), static_cast<int>(accept.size())); }

bool file_poll(FileEvent& event) {
  if (file_events.empty()) return false;
  event = std::move(file_events.front());
  file_events.pop_front();
  return true;
}

void file_upload() { js_file_upload(); }

void download_document(std::string_view url, std::string_view token, std::string_view name) {
  js_download(std::string(url).c_str(), std::string(token).c_str(), std::string(name).c_str());
}

std::string location_hash() { return take_js_string(js_location_hash()); }
std::string page_origin() { return take_js_string(js_page_origin()); }

void set_location_hash(std::string_view hash, bool replace) {
  js_set_hash(hash.data(), static_cast<int>(hash.size()), replace ? 1 : 0);
}

bool take_hash_changed() {
  const bool changed = hash_changed;
  hash_changed = false;
  return changed;
}

}  // namespace parta::platform
