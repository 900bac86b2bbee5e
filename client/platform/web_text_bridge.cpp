// Text input beyond key events, and the clipboard. A hidden <textarea id="parta-ime">
// (index.html) sits over the caret of the active ImGui text field and holds the
// browser focus while one is active, so the IME candidate window and on-screen
// keyboards open in the right place. What the browser inserts into it (typing,
// IME commits, dead keys, AltGr, dictation, CDP Input.insertText, drops) reaches
// ImGui as UTF-8 characters; the textarea is kept empty.
//
// Who delivers what, so that nothing arrives twice:
//   keys (Backspace, Enter, arrows, Ctrl+...)  GLFW's keydown/keyup, as before
//   characters while the textarea has focus    beforeinput/compositionend here
//                                              (GLFW's keypress is skipped then)
//   characters while the canvas has focus      GLFW's keypress, as before
//   paste                                      the 'paste' event only: Ctrl+V and
//                                              Shift+Insert never reach ImGui as keys
//   on-screen keyboard Backspace/Delete        beforeinput deleteContent* -> a key tap
// Copy and cut go to navigator.clipboard (execCommand('copy') outside secure
// contexts). ImGui's GetClipboardText returns the last text copied or pasted: the
// async clipboard cannot be read synchronously.
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "client/platform/platform.h"
#include "client/platform/web_runtime.h"
#include "imgui.h"
#include "imgui_internal.h"  // g.PlatformImeData: where the caret of the active field is

namespace parta::platform {
namespace {

struct Bridge {
  bool want = false;           // an ImGui text field is active (last frame)
  float x = -1, y = -1, h = -1;  // caret, CSS pixels, last sent to the page
  std::string clipboard;       // last text copied or pasted
  std::uint64_t texts = 0;     // inputs delivered through the bridge (test hook)
  std::uint64_t pastes = 0;
  std::string stats;           // the test hook's answer, owned here until JS has copied it
};
Bridge bridge;

// Page side. All listeners only move text and events into the calls below.
EM_JS(void, js_bridge_install, (), {
  var ta = document.getElementById('parta-ime');
  if (!ta) {
    ta = document.createElement('textarea');
    ta.id = 'parta-ime';
    document.body.appendChild(ta);
  }
  ta.setAttribute('autocomplete', 'off');
  ta.setAttribute('spellcheck', 'false');
  ta.setAttribute('tabindex', '-1');
  // fromCanvas: the last thing the person did was point at the canvas. Then the bridge
  // takes the focus even from the accessibility mirror's textbox (which got it when
  // ImGui's focus moved); after keys or a click in the mirror, the mirror keeps it
  // (keys still reach ImGui through GLFW; a screen reader stays on its element).
  var b = Module.partaBridge = { el: ta, composing: false, fromCanvas: true };
  Module.canvas.addEventListener('pointerdown', function() { b.fromCanvas = true; }, true);
  window.addEventListener('keydown', function() { if (document.activeElement !== ta) b.fromCanvas = false; }, true);
  var mirror = document.getElementById('parta-a11y');
  if (mirror) mirror.addEventListener('click', function() { b.fromCanvas = false; }, true);
  function pass(fn, s) {
    if (!s) return;
    var CR = String.fromCharCode(13), LF = String.fromCharCode(10);  // no escapes in EM_JS
    s = s.split(CR + LF).join(LF).split(CR).join(LF);
    var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
    stringToUTF8(s, p, n);
    fn(p);
    _free(p);
  }
  function clear() { if (ta.value) ta.value = ''; }
  ta.addEventListener('beforeinput', function(e) {
    if (e.isComposing || b.composing) return;  // the IME owns the textarea until compositionend
    switch (e.inputType) {
      case 'insertText': case 'insertReplacementText': case 'insertFromDrop': case 'insertFromYank':
      case 'insertFromPaste': case 'insertFromPasteAsQuotation':
        var s = e.data;
        if (s == null && e.dataTransfer) s = e.dataTransfer.getData('text/plain');
        e.preventDefault();
        pass(_parta_bridge_text, s);
        break;
      case 'deleteContentBackward': case 'deleteWordBackward':
        e.preventDefault(); _parta_bridge_key(0); break;
      case 'deleteContentForward': case 'deleteWordForward':
        e.preventDefault(); _parta_bridge_key(1); break;
      default:  // Enter (insertLineBreak/insertParagraph) arrives as a key; undo is ImGui's
        if (e.cancelable) e.preventDefault();
    }
  });
  ta.addEventListener('compositionstart', function() { b.composing = true; ta.classList.add('composing'); });
  ta.addEventListener('compositionend', function(e) {
    b.composing = false;
    ta.classList.remove('composing');
    ta.style.width = '';
    pass(_parta_bridge_text, e.data);
    clear();
  });
  // Whatever got in without a cancellable beforeinput (older engines).
  ta.addEventListener('input', function() {
    if (b.composing) {  // the overlay fits what is being composed
      ta.style.width = '1px';
      ta.style.width = (ta.scrollWidth + 6) + 'px';
    } else if (ta.value) {
      pass(_parta_bridge_text, ta.value);
      clear();
    }
  });

  // GLFW's keypress would deliver the same characters a second time.
  window.removeEventListener('keypress', GLFW.onKeyPress, true);
  window.addEventListener('keypress', function(e) { if (document.activeElement !== ta) GLFW.onKeyPress(e); }, true);
  // Paste goes through the 'paste' event only: keep ImGui from pasting on the keys.
  window.removeEventListener('keydown', GLFW.onKeydown, true);
  window.addEventListener('keydown', function(e) {
    var paste = ((e.ctrlKey || e.metaKey) && !e.altKey && e.keyCode === 86) || (e.shiftKey && e.keyCode === 45);
    if (!paste) GLFW.onKeydown(e);
  }, true);
  document.addEventListener('paste', function(e) {
    var t = e.target;
    if (t !== ta && t !== Module.canvas && t !== document.body && t !== document.documentElement && t !== document) return;
    var d = e.clipboardData || window.clipboardData;
    if (!d) return;
    e.preventDefault();
    pass(_parta_bridge_paste, d.getData('text/plain') || d.getData('text'));
  }, true);
});

// Follows the active field: places the textarea at its caret and moves the focus.
// Never takes the focus from another editable element (the accessibility mirror's).
EM_JS(void, js_bridge_sync, (int want, float x, float y, float h), {
  var b = Module.partaBridge;
  if (!b) return;
  var ta = b.el, a = document.activeElement;
  if (want) {
    ta.style.left = x + 'px';
    ta.style.top = y + 'px';
    ta.style.height = h + 'px';
    ta.style.fontSize = Math.max(12, Math.round(h * 0.8)) + 'px';
    var other = a && a !== ta && a !== document.body && a !== Module.canvas &&
                (a.isContentEditable || a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT' ||
                 (a.getAttribute('role') === 'textbox' && !b.fromCanvas));
    if (a !== ta && !other) ta.focus({ preventScroll: true });
  } else if (a === ta) {
    ta.blur();
    ta.value = '';
    Module.canvas.focus({ preventScroll: true });
  }
});

EM_JS(void, js_bridge_focus, (), {
  var b = Module.partaBridge;
  if (b && document.activeElement !== b.el) b.el.focus({ preventScroll: true });
});

EM_JS(void, js_clipboard_write, (const char* text), {
  var s = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
    navigator.clipboard.writeText(s).catch(function() {});
    return;
  }
  // Plain http on a school network: the old way, through a selected textarea.
  var back = document.activeElement, t = document.createElement('textarea');
  t.value = s;
  t.setAttribute('readonly', '');
  t.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
  document.body.appendChild(t);
  t.select();
  try { document.execCommand('copy'); } catch (e) {}
  document.body.removeChild(t);
  if (back && back.focus) back.focus({ preventScroll: true });
});

EM_JS(void, js_bridge_test_hook, (), {
  var hook = window.partaTest || (window.partaTest = {});
  hook.textInput = function() { return JSON.parse(UTF8ToString(_parta_bridge_stats())); };
});

const char* get_clipboard(void*) { return bridge.clipboard.c_str(); }
void set_clipboard(void*, const char* text) { copy_text(text); }

}  // namespace

// Once, after ImGui and the GLFW window exist (web_main.cpp).
void text_bridge_install() {
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  js_bridge_install();
  js_bridge_test_hook();
}

// After each frame: the textarea follows the active text field.
void text_bridge_after_frame() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const bool want = g.PlatformImeData.WantVisible || g.IO.WantTextInput;
  const float dpr = runtime().dpr > 0 ? runtime().dpr : 1.0f;
  float x = bridge.x, y = bridge.y, h = bridge.h;
  if (g.PlatformImeData.WantVisible) {
    x = g.PlatformImeData.InputPos.x / dpr;
    y = g.PlatformImeData.InputPos.y / dpr;
    h = g.PlatformImeData.InputLineHeight / dpr;
  }
  // While a field is active, each frame re-checks the focus: a click on the canvas takes it.
  if (!want && !bridge.want) return;
  bridge.want = want;
  bridge.x = x;
  bridge.y = y;
  bridge.h = h;
  js_bridge_sync(want ? 1 : 0, x, y, h);
}

// From a touchend (a user gesture): mobile browsers open the keyboard only for a
// focus() made inside one.
void text_bridge_focus_if_wanted() {
  if (ImGui::GetIO().WantTextInput || ImGui::GetCurrentContext()->PlatformImeData.WantVisible) js_bridge_focus();
}

void copy_text(std::string_view text) {
  bridge.clipboard.assign(text);
  js_clipboard_write(bridge.clipboard.c_str());
}

}  // namespace parta::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void parta_bridge_text(const char* utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  ++parta::platform::bridge.texts;
  parta::platform::request_redraw();
}

EMSCRIPTEN_KEEPALIVE void parta_bridge_paste(const char* utf8) {
  parta::platform::bridge.clipboard = utf8;
  ++parta::platform::bridge.pastes;
  if (ImGui::GetIO().WantTextInput) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    }
  parta::platform::request_redraw();
}

// An on-screen keyboard's Backspace (0) or Delete (1): a key tap.
EMSCRIPTEN_KEEPALIVE void parta_bridge_key(int which) {
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiKey key = which == 0 ? ImGuiKey_Backspace : ImGuiKey_Delete;
  io.AddKeyEvent(key, true);
  io.AddKeyEvent(key, false);
  parta::platform::request_redraw();
}

EMSCRIPTEN_KEEPALIVE const char* parta_bridge_stats() {
  std::string& out = parta::platform::bridge.stats;
  out = "{\"texts\":" + std::to_string(parta::platform::bridge.texts) +
        ",\"pastes\":" + std::to_string(parta::platform::bridge.pastes) + "}";
  return out.c_str();
}

}  // extern "C"
