// Fonts (PT Sans from the binary, rasterized at the device pixel ratio times the
// person's font scale), themes (light, dark, high contrast), colors and style.
#pragma once

#include <cstdint>
#include <string_view>

#include "client/app/ui/appearance.h"
#include "imgui.h"

namespace parta::ui {

struct Fonts {
  ImFont* regular = nullptr;  // body text, 17 CSS px
  ImFont* bold = nullptr;     // names, chat titles in the list, buttons
  ImFont* title = nullptr;    // headers, 21 CSS px bold
  ImFont* small = nullptr;    // times, previews, marks, 14 CSS px
  float dpr = 1.0f;           // device pixels per CSS pixel the UI is built for (ratio x font scale)
};

// Rebuilds io.Fonts for `scale` = devicePixelRatio x font scale (the caller
// re-uploads the atlas texture). Glyphs are rasterized at that size: crisp.
Fonts build_fonts(float scale);
// Resets the style to the Parta theme in use, sizes scaled by `scale`.
void apply_style(float scale);

// --- Appearance: the person's theme and font scale (persisted by the app in
// localStorage, applied by the platform before the next frame).
// (Theme, Appearance: appearance.h)
const char* theme_code(Theme theme);                  // "light", "dark", "contrast"
bool parse_theme(std::string_view code, Theme& out);  // false: unknown
const Appearance& appearance();
// Sets the appearance and the palette at once; bumps appearance_revision() so
// the platform rebuilds the fonts and the style before the next frame.
void set_appearance(Appearance a);
std::uint32_t appearance_revision();
// devicePixelRatio x font scale: what build_fonts/apply_style take.
inline float ui_scale(float dpr) { return dpr * static_cast<float>(appearance().font_scale) / 100.0f; }

// Palette (sRGB, straight alpha) of the theme in use. The values below are the
// light theme; apply_theme() rewrites them (views read them every frame, so a
// theme change shows on the next frame without touching any view).
namespace color {
inline ImU32 kBackground = IM_COL32(0xF1, 0xF3, 0xF6, 0xFF);
inline ImU32 kPanel = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline ImU32 kBorder = IM_COL32(0xDD, 0xE1, 0xE7, 0xFF);
inline ImU32 kText = IM_COL32(0x1E, 0x23, 0x2B, 0xFF);
inline ImU32 kMuted = IM_COL32(0x6B, 0x72, 0x80, 0xFF);
inline ImU32 kAccent = IM_COL32(0x2A, 0x63, 0xD9, 0xFF);
inline ImU32 kAccentHover = IM_COL32(0x3B, 0x74, 0xE8, 0xFF);
inline ImU32 kAccentActive = IM_COL32(0x1F, 0x51, 0xB8, 0xFF);
inline ImU32 kOnAccent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline ImU32 kButton = IM_COL32(0xEC, 0xEF, 0xF4, 0xFF);
inline ImU32 kButtonHover = IM_COL32(0xE1, 0xE6, 0xEE, 0xFF);
inline ImU32 kButtonActive = IM_COL32(0xD3, 0xDA, 0xE5, 0xFF);
inline ImU32 kSelected = IM_COL32(0xE3, 0xEC, 0xFD, 0xFF);
inline ImU32 kHover = IM_COL32(0xF0, 0xF4, 0xFB, 0xFF);
inline ImU32 kOwnBubble = IM_COL32(0xD9, 0xE8, 0xFF, 0xFF);
inline ImU32 kOtherBubble = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline ImU32 kPendingBubble = IM_COL32(0xEC, 0xF2, 0xFC, 0xFF);
inline ImU32 kFailedBubble = IM_COL32(0xFD, 0xEC, 0xEC, 0xFF);
inline ImU32 kOnline = IM_COL32(0x1F, 0x9D, 0x55, 0xFF);
inline ImU32 kConnecting = IM_COL32(0xD9, 0x8E, 0x04, 0xFF);
inline ImU32 kOffline = IM_COL32(0xD1, 0x3B, 0x3B, 0xFF);
inline ImU32 kError = IM_COL32(0xC2, 0x2E, 0x2E, 0xFF);
inline ImU32 kMentionBubble = IM_COL32(0xFF, 0xF6, 0xD6, 0xFF);  // a message that mentions me
inline ImU32 kMentionMark = IM_COL32(0xE8, 0xB3, 0x1C, 0xFF);    // its side bar
inline ImU32 kMentionFill = IM_COL32(0x2A, 0x63, 0xD9, 0x1F);    // behind "@Name"
inline ImU32 kQuoteFill = IM_COL32(0x2A, 0x63, 0xD9, 0x14);      // a reply's quote block
inline ImU32 kFlashFill = IM_COL32(0xFF, 0xE8, 0x9C, 0xFF);      // a jump's landing (fades to the bubble)
inline ImU32 kSearchMatch = IM_COL32(0xFF, 0xD5, 0x4F, 0xA0);    // a search match
inline ImU32 kBarTrack = IM_COL32(0xE6, 0xEA, 0xF0, 0xFF);       // a poll bar's track
inline ImU32 kCorrect = IM_COL32(0x1F, 0x9D, 0x55, 0xFF);        // a quiz's right answer
inline ImU32 kDivider = IM_COL32(0xD9, 0x5B, 0x2A, 0xFF);        // "new messages"
inline ImU32 kFocusRing = IM_COL32(0x2A, 0x63, 0xD9, 0xFF);      // the keyboard focus ring (ImGui::FocusRing)
// Sender names: one of these per person (stable), readable on the theme's bubbles.
inline constexpr int kNameColorCount = 6;
inline ImU32 kNames[kNameColorCount] = {
    IM_COL32(0x2A, 0x63, 0xD9, 0xFF), IM_COL32(0x1B, 0x8A, 0x5A, 0xFF), IM_COL32(0xB2, 0x4A, 0x1F, 0xFF),
    IM_COL32(0x8A, 0x3F, 0xC2, 0xFF), IM_COL32(0x0E, 0x7C, 0x8C, 0xFF), IM_COL32(0xB8, 0x33, 0x6A, 0xFF),
};
}  // namespace color

}  // namespace parta::ui
