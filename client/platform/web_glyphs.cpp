// Glyphs the embedded fonts lack (emoji, symbols, other alphabets' letters) are
// rasterized by the browser on demand, so text never shows '?' for them.
//
// How it works with ImGui 1.90's static atlas (no per-glyph callbacks exist):
//  1. After the fonts are built, two rectangles are reserved in the atlas: a small
//     "marker" block of transparent texels and a "page" for rasterized glyphs.
//  2. Every code point of kMarked that a font lacks gets a glyph whose quad samples
//     ONE texel of the marker block: invisible, but unique per code point.
//  3. After each frame the draw data's UVs are scanned: a UV inside the marker block
//     names a code point that was drawn. It is rasterized with a 2D canvas
//     (fillText at each font's pixel size), copied into the page (CPU copy and GL
//     texture), and the glyphs are pointed at it. The next frame shows it.
// Color glyphs (emoji) are marked Colored so ImGui does not tint them with the text
// color; monochrome symbols become white + alpha and take the text color. When the
// page is full, further code points stay blank (never '?'). ImWchar is 32-bit
// (IMGUI_USE_WCHAR32), else ImGui turns everything past U+FFFF into U+FFFD.
#include <GLES3/gl3.h>
#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "client/app/shell/embedded.h"
#include "client/platform/platform.h"
#include "imgui.h"

namespace parta::platform {
namespace {

struct Range {
  unsigned first, last;
};
// Drawn by the browser when the font lacks them.
constexpr Range kMarked[] = {
    {0x0100, 0x03FF},    // Latin Extended-A/B, IPA, spacing modifiers, Greek
    {0x0460, 0x052F},    // Cyrillic beyond Russian: Ukrainian ґ, Kazakh, Tatar, ...
    {0x1E00, 0x1EFF},    // Latin Extended Additional (Vietnamese)
    {0x2000, 0x2BFF},    // punctuation, currency, letterlike, arrows, math, technical, dingbats ...
    {0x3000, 0x303F},    // CJK symbols and punctuation
    {0x1F000, 0x1FAFF},  // emoji, pictographs, transport, flags' letters, ...
};
// Joiners, variation selectors, skin tones, combining marks for symbols: drawn as nothing.
constexpr Range kZeroWidth[] = {
    {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x206F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0x1F3FB, 0x1F3FF},
};
constexpr int kMarkW = 128, kMarkH = 64;  // >= the number of marked code points
constexpr int kPageW = 448;               // fits beside anything in a 512-wide atlas
constexpr int kMaxPerFrame = 24;          // code points rasterized per frame (4 fonts each)

bool zero_width(unsigned cp) {
  for (const Range& r : kZeroWidth)
    if (cp >= r.first && cp <= r.last) return true;
  return false;
}

int marker_count() {
  int n = 0;
  for (const Range& r : kMarked) n += static_cast<int>(r.last - r.first + 1);
  return n;
}

unsigned marker_codepoint(int index) {
  for (const Range& r : kMarked) {
    const int n = static_cast<int>(r.last - r.first + 1);
    if (index < n) return r.first + static_cast<unsigned>(index);
    index -= n;
  }
  return 0;
}

struct Glyphs {
  bool ready = false;                // the atlas has the marker block and the page
  int mark_x = 0, mark_y = 0;        // marker block, atlas texels
  int page_x = 0, page_y = 0, page_h = 0;
  int shelf_x = 0, shelf_y = 0, shelf_h = 0;  // the page's shelf packer
  bool page_full = false;
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;       // marker block, UV
  std::vector<unsigned char> requested;       // per marker index: seen once
  unsigned pending[kMaxPerFrame] = {};
  int pending_count = 0;
  std::vector<unsigned char> pixels;          // one rasterized glyph, RGBA
  std::vector<unsigned> done;                 // rasterized code points (test hook)
  std::string json;                           // the test hook's answer
};
Glyphs glyphs;

EM_JS(void, js_glyph_font, (int bold, float px), {
  var g = Module.partaGlyphs || (Module.partaGlyphs = { canvas: document.createElement('canvas') });
  if (!g.ctx) g.ctx = g.canvas.getContext('2d', { willReadFrequently: true });
  g.ctx.font = (bold ? 'bold ' : '') + px + 'px "PT Sans", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol"';
  g.fontCss = g.ctx.font;
});

EM_JS(double, js_glyph_measure, (unsigned cp), {
  var g = Module.partaGlyphs;
  return g.ctx.measureText(String.fromCodePoint(cp)).width;
});

// Draws `cp` white on transparent into w x h RGBA at `out`; returns 1 when it came
// out in color (an emoji font), 0 for a monochrome glyph.
EM_JS(int, js_glyph_draw, (unsigned cp, float x, float baseline, int w, int h, unsigned char* out), {
  var g = Module.partaGlyphs, c = g.canvas;
  var font = g.fontCss;
  c.width = w;
  c.height = h;  // resets the context: font and style again
  var ctx = g.ctx;
  ctx.font = font;
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(String.fromCodePoint(cp), x, baseline);
  var d = ctx.getImageData(0, 0, w, h).data, colored = 0;
  for (var i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 32 && (Math.abs(d[i] - d[i + 1]) > 24 || Math.abs(d[i + 1] - d[i + 2]) > 24)) { colored = 1; break; }
  }
  HEAPU8.set(d, out);
  return colored;
});

EM_JS(void, js_glyphs_test_hook, (), {
  var hook = window.partaTest || (window.partaTest = {});
  hook.glyphs = function() { return JSON.parse(UTF8ToString(_parta_glyphs_stats())); };
});

bool is_bold(const ImFont* font) {
  return font->ConfigData != nullptr && font->ConfigData->FontData == embedded::font_bold.data;
}

// The rectangle for one rasterized glyph in the page; false when it is full.
bool page_alloc(int w, int h, int& x, int& y) {
  if (w > kPageW) return false;
  if (glyphs.shelf_x + w > kPageW) {
    glyphs.shelf_y += glyphs.shelf_h + 1;
    glyphs.shelf_x = 0;
    glyphs.shelf_h = 0;
  }
  if (glyphs.shelf_y + h > glyphs.page_h) return false;
  x = glyphs.page_x + glyphs.shelf_x;
  y = glyphs.page_y + glyphs.shelf_y;
  glyphs.shelf_x += w + 1;
  glyphs.shelf_h = std::max(glyphs.shelf_h, h);
  return true;
}

// Rasterizes `cp` for every font and points their glyphs at it.
void rasterize(unsigned cp) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const GLuint texture = static_cast<GLuint>(reinterpret_cast<intptr_t>(atlas->TexID));
  for (ImFont* font : atlas->Fonts) {
    ImFontGlyph* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)));
    if (glyph == nullptr || glyph->U0 != glyph->U1) continue;  // the font has it, or done already
    js_glyph_font(is_bold(font) ? 1 : 0, font->FontSize);
    const float advance = static_cast<float>(js_glyph_measure(cp));
    const int pad = 1;
    const int w = std::max(1, static_cast<int>(std::ceil(advance))) + 2 * pad;
    const int h = std::max(1, static_cast<int>(std::ceil(font->FontSize)));
    int x = 0, y = 0;
    if (!page_alloc(w, h, x, y)) {
      glyphs.page_full = true;
      glyph->Visible = false;  // stays blank: better than '?'
      continue;
    }
    glyphs.pixels.resize(static_cast<std::size_t>(w) * h * 4);
    const bool colored = js_glyph_draw(cp, static_cast<float>(pad), std::round(font->Ascent), w, h, glyphs.pixels.data()) != 0;
    if (!colored) {  // white + alpha: ImGui tints it with the text color
      for (std::size_t i = 0; i < glyphs.pixels.size(); i += 4) glyphs.pixels[i] = glyphs.pixels[i + 1] = glyphs.pixels[i + 2] = 255;
    }
    // The CPU copy (if the backend kept one) and the GL texture.
    if (atlas->TexPixelsRGBA32 != nullptr) {
      for (int row = 0; row < h; ++row) {
        std::copy_n(glyphs.pixels.data() + static_cast<std::size_t>(row) * w * 4, static_cast<std::size_t>(w) * 4,
                    reinterpret_cast<unsigned char*>(atlas->TexPixelsRGBA32 + (y + row) * atlas->TexWidth + x));
      }
    }
    if (texture != 0) {
      GLint last = 0;
      glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
      glBindTexture(GL_TEXTURE_2D, texture);
      glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, glyphs.pixels.data());
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    }
    const float tw = static_cast<float>(atlas->TexWidth), th = static_cast<float>(atlas->TexHeight);
    glyph->X0 = static_cast<float>(-pad);
    glyph->Y0 = 0;
    glyph->X1 = static_cast<float>(w - pad);
    glyph->Y1 = static_cast<float>(h);
    glyph->U0 = x / tw;
    glyph->V0 = y / th;
    glyph->U1 = (x + w) / tw;
    glyph->V1 = (y + h) / th;
    glyph->AdvanceX = advance;
    glyph->Visible = true;
    glyph->Colored = colored;
    if (cp < static_cast<unsigned>(font->IndexAdvanceX.Size)) font->IndexAdvanceX[static_cast<int>(cp)] = advance;
  }
  glyphs.done.push_back(cp);
}

}  // namespace

// After ui::build_fonts, before the atlas texture is made: reserves the marker
// block and the page (a second Build) and adds the marker glyphs to every font.
void glyphs_fonts_built() {
  glyphs = Glyphs{};
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (atlas->Fonts.empty()) return;
  const float scale = atlas->Fonts[0]->FontSize / 17.0f;  // the body font is 17 CSS px
  const int page_h = std::clamp(static_cast<int>(std::lround(384 * scale)), 256, 2048);
  const int mark_id = atlas->AddCustomRectRegular(kMarkW, kMarkH);
  const int page_id = atlas->AddCustomRectRegular(kPageW, page_h);
  atlas->Build();
  const ImFontAtlasCustomRect* mark = atlas->GetCustomRectByIndex(mark_id);
  const ImFontAtlasCustomRect* page = atlas->GetCustomRectByIndex(page_id);
  if (!mark->IsPacked() || !page->IsPacked()) return;
  glyphs.mark_x = mark->X;
  glyphs.mark_y = mark->Y;
  glyphs.page_x = page->X;
  glyphs.page_y = page->Y;
  glyphs.page_h = page_h;
  const float tw = static_cast<float>(atlas->TexWidth), th = static_cast<float>(atlas->TexHeight);
  glyphs.u0 = mark->X / tw;
  glyphs.v0 = mark->Y / th;
  glyphs.u1 = (mark->X + kMarkW) / tw;
  glyphs.v1 = (mark->Y + kMarkH) / th;
  const int count = marker_count();
  glyphs.requested.assign(static_cast<std::size_t>(count), 0);
  for (ImFont* font : atlas->Fonts) {
    const float em = font->FontSize;
    for (int i = 0; i < count; ++i) {
      const unsigned cp = marker_codepoint(i);
      if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr) continue;
      if (zero_width(cp)) {
        font->AddGlyph(nullptr, static_cast<ImWchar>(cp), 0, 0, 0, 0, 0, 0, 0, 0, 0);
        continue;
      }
      const float u = (mark->X + i % kMarkW + 0.5f) / tw, v = (mark->Y + i / kMarkW + 0.5f) / th;
      font->AddGlyph(nullptr, static_cast<ImWchar>(cp), 0, 0, em, em, u, v, u, v, em);
    }
    for (const Range& r : kZeroWidth) {  // the ones outside kMarked (variation selectors, skin tones)
      for (unsigned cp = r.first; cp <= r.last; ++cp) {
        if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr)
          font->AddGlyph(nullptr, static_cast<ImWchar>(cp), 0, 0, 0, 0, 0, 0, 0, 0, 0);
      }
    }
    font->BuildLookupTable();
  }
  glyphs.ready = true;
  js_glyphs_test_hook();
}

// After ImGui::Render: finds the marker texels the frame drew and rasterizes
// those code points; the frame after shows them.
void glyphs_after_render() {
  if (!glyphs.ready) return;
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr) return;
  const ImVec2 uv_scale = ImGui::GetIO().Fonts->TexUvScale;
  for (int l = 0; l < data->CmdListsCount && glyphs.pending_count < kMaxPerFrame; ++l) {
    const ImVector<ImDrawVert>& vtx = data->CmdLists[l]->VtxBuffer;
    for (int i = 0; i < vtx.Size; ++i) {
      const ImVec2 uv = vtx.Data[i].uv;
      if (uv.x < glyphs.u0 || uv.x >= glyphs.u1 || uv.y < glyphs.v0 || uv.y >= glyphs.v1) continue;
      const int tx = static_cast<int>(uv.x / uv_scale.x) - glyphs.mark_x;
      const int ty = static_cast<int>(uv.y / uv_scale.y) - glyphs.mark_y;
      const int index = ty * kMarkW + tx;
      if (index < 0 || index >= static_cast<int>(glyphs.requested.size()) || glyphs.requested[index]) continue;
      glyphs.requested[index] = 1;
      glyphs.pending[glyphs.pending_count++] = marker_codepoint(index);
      if (glyphs.pending_count == kMaxPerFrame) break;
    }
  }
  if (glyphs.pending_count == 0) return;
  for (int i = 0; i < glyphs.pending_count; ++i) rasterize(glyphs.pending[i]);
  glyphs.pending_count = 0;
  request_redraw();
}

}  // namespace parta::platform

extern "C" EMSCRIPTEN_KEEPALIVE const char* parta_glyphs_stats() {
  parta::platform::Glyphs& g = parta::platform::glyphs;
  g.json = "{\"ready\":";
  g.json += g.ready ? "true" : "false";
  g.json += ",\"page_full\":";
  g.json += g.page_full ? "true" : "false";
  g.json += ",\"rasterized\":[";
  for (std::size_t i = 0; i < g.done.size(); ++i) {
    if (i) g.json += ',';
    g.json += std::to_string(g.done[i]);
  }
  g.json += "]}";
  return g.json.c_str();
}
