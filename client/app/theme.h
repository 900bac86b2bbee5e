// Fonts (PT Sans from the binary, rasterized at the device pixel ratio), colors and style.
#pragma once

#include "imgui.h"

namespace parta::ui {

struct Fonts {
  ImFont* regular = nullptr;  // body text, 17 CSS px
  ImFont* bold = nullptr;     // names, chat titles in the list, buttons
  ImFont* title = nullptr;    // headers, 21 CSS px bold
  ImFont* small = nullptr;    // times, previews, marks, 14 CSS px
  float dpr = 1.0f;           // device pixels per CSS pixel the fonts were built for
};

// Rebuilds io.Fonts for `dpr` (the caller re-uploads the atlas texture).
Fonts build_fonts(float dpr);
// Resets the style to the Parta theme scaled by `dpr`.
void apply_style(float dpr);

// Palette (sRGB, straight alpha).
namespace color {
inline constexpr ImU32 kBackground = IM_COL32(0xF1, 0xF3, 0xF6, 0xFF);
inline constexpr ImU32 kPanel = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kBorder = IM_COL32(0xDD, 0xE1, 0xE7, 0xFF);
inline constexpr ImU32 kText = IM_COL32(0x1E, 0x23, 0x2B, 0xFF);
inline constexpr ImU32 kMuted = IM_COL32(0x6B, 0x72, 0x80, 0xFF);
inline constexpr ImU32 kAccent = IM_COL32(0x2A, 0x63, 0xD9, 0xFF);
inline constexpr ImU32 kAccentHover = IM_COL32(0x3B, 0x74, 0xE8, 0xFF);
inline constexpr ImU32 kAccentActive = IM_COL32(0x1F, 0x51, 0xB8, 0xFF);
inline constexpr ImU32 kOnAccent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kButton = IM_COL32(0xEC, 0xEF, 0xF4, 0xFF);
inline constexpr ImU32 kButtonHover = IM_COL32(0xE1, 0xE6, 0xEE, 0xFF);
inline constexpr ImU32 kButtonActive = IM_COL32(0xD3, 0xDA, 0xE5, 0xFF);
inline constexpr ImU32 kSelected = IM_COL32(0xE3, 0xEC, 0xFD, 0xFF);
inline constexpr ImU32 kHover = IM_COL32(0xF0, 0xF4, 0xFB, 0xFF);
inline constexpr ImU32 kOwnBubble = IM_COL32(0xD9, 0xE8, 0xFF, 0xFF);
inline constexpr ImU32 kOtherBubble = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kPendingBubble = IM_COL32(0xEC, 0xF2, 0xFC, 0xFF);
inline constexpr ImU32 kFailedBubble = IM_COL32(0xFD, 0xEC, 0xEC, 0xFF);
inline constexpr ImU32 kOnline = IM_COL32(0x1F, 0x9D, 0x55, 0xFF);
inline constexpr ImU32 kConnecting = IM_COL32(0xD9, 0x8E, 0x04, 0xFF);
inline constexpr ImU32 kOffline = IM_COL32(0xD1, 0x3B, 0x3B, 0xFF);
inline constexpr ImU32 kError = IM_COL32(0xC2, 0x2E, 0x2E, 0xFF);
inline constexpr ImU32 kMentionBubble = IM_COL32(0xFF, 0xF6, 0xD6, 0xFF);  // a message that mentions me
inline constexpr ImU32 kMentionMark = IM_COL32(0xE8, 0xB3, 0x1C, 0xFF);    // its side bar
inline constexpr ImU32 kMentionFill = IM_COL32(0x2A, 0x63, 0xD9, 0x1F);    // behind "@Name"
inline constexpr ImU32 kQuoteFill = IM_COL32(0x2A, 0x63, 0xD9, 0x14);      // a reply's quote block
inline constexpr ImU32 kFlashFill = IM_COL32(0xFF, 0xE8, 0x9C, 0xFF);      // a jump's landing (fades to the bubble)
inline constexpr ImU32 kSearchMatch = IM_COL32(0xFF, 0xD5, 0x4F, 0xA0);    // a search match
inline constexpr ImU32 kBarTrack = IM_COL32(0xE6, 0xEA, 0xF0, 0xFF);       // a poll bar's track
inline constexpr ImU32 kCorrect = IM_COL32(0x1F, 0x9D, 0x55, 0xFF);        // a quiz's right answer
inline constexpr ImU32 kDivider = IM_COL32(0xD9, 0x5B, 0x2A, 0xFF);        // "new messages"
}  // namespace color

}  // namespace parta::ui
