// Fonts, themes and style. Everything is sized in CSS pixels and multiplied by the
// device pixel ratio times the font scale: ImGui runs in framebuffer pixels, so
// text is rasterized 1:1 at its final size and stays crisp at any scale.
#include "client/app/ui/theme.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "client/app/shell/embedded.h"

namespace parta::ui {
namespace {

// Our own ranges: ImGui's Cyrillic preset lacks dashes, quotes, the numero sign.
// Glyphs the subset font lacks are skipped by the atlas builder.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x007E,  // Basic Latin
    0x00A0, 0x00FF,  // Latin-1 Supplement
    0x0400, 0x045F,  // Cyrillic
    0x2010, 0x205E,  // General Punctuation: dashes, quotes, ellipsis, bullet
    0x20AC, 0x20AC,  // euro sign
    0x2116, 0x2116,  // numero sign
    0x2190, 0x2193,  // arrows
    0x25CF, 0x25CF,  // black circle (status dot)
    0x2713, 0x2713,  // check mark
    0,
};

ImFont* add_font(const embedded::Blob& blob, float css_px, float dpr) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes live in the binary
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(blob.data), static_cast<int>(blob.size),
                                                    std::round(css_px * dpr), &config, kGlyphRanges);
}

ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// The palette's slots and each theme's values, in the same order.
ImU32* const kSlots[] = {
    &color::kBackground, &color::kPanel, &color::kBorder, &color::kText, &color::kMuted,
    &color::kAccent, &color::kAccentHover, &color::kAccentActive, &color::kOnAccent,
    &color::kButton, &color::kButtonHover, &color::kButtonActive, &color::kSelected, &color::kHover,
    &color::kOwnBubble, &color::kOtherBubble, &color::kPendingBubble, &color::kFailedBubble,
    &color::kOnline, &color::kConnecting, &color::kOffline, &color::kError,
    &color::kMentionBubble, &color::kMentionMark, &color::kMentionFill, &color::kQuoteFill,
    &color::kFlashFill, &color::kSearchMatch, &color::kBarTrack, &color::kCorrect, &color::kDivider,
    &color::kFocusRing, &color::kNames[0], &color::kNames[1], &color::kNames[2], &color::kNames[3], &color::kNames[4],
    &color::kNames[5],
};
constexpr std::size_t kSlotCount = sizeof kSlots / sizeof kSlots[0];
using Palette = ImU32[kSlotCount];

// Light: the values theme.h starts with (captured before any change).
Palette light_palette;
bool light_captured = false;

constexpr Palette kDark = {
    IM_COL32(0x15, 0x18, 0x1D, 0xFF), IM_COL32(0x1F, 0x23, 0x2A, 0xFF), IM_COL32(0x40, 0x47, 0x53, 0xFF),
    IM_COL32(0xE6, 0xE9, 0xEE, 0xFF), IM_COL32(0x9A, 0xA3, 0xB0, 0xFF),
    IM_COL32(0x5B, 0x8D, 0xF0, 0xFF), IM_COL32(0x6E, 0x9C, 0xF5, 0xFF), IM_COL32(0x4A, 0x7B, 0xE0, 0xFF),
    IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
    IM_COL32(0x2A, 0x2F, 0x38, 0xFF), IM_COL32(0x33, 0x39, 0x44, 0xFF), IM_COL32(0x3D, 0x44, 0x51, 0xFF),
    IM_COL32(0x24, 0x35, 0x57, 0xFF), IM_COL32(0x26, 0x2B, 0x33, 0xFF),
    IM_COL32(0x24, 0x3A, 0x63, 0xFF), IM_COL32(0x23, 0x28, 0x30, 0xFF), IM_COL32(0x22, 0x30, 0x47, 0xFF),
    IM_COL32(0x4A, 0x24, 0x24, 0xFF),
    IM_COL32(0x3C, 0xC4, 0x7A, 0xFF), IM_COL32(0xF0, 0xAD, 0x2E, 0xFF), IM_COL32(0xF0, 0x5D, 0x5D, 0xFF),
    IM_COL32(0xF2, 0x6B, 0x6B, 0xFF),
    IM_COL32(0x3D, 0x36, 0x1C, 0xFF), IM_COL32(0xE8, 0xB3, 0x1C, 0xFF), IM_COL32(0x5B, 0x8D, 0xF0, 0x33),
    IM_COL32(0x5B, 0x8D, 0xF0, 0x24),
    IM_COL32(0x5A, 0x4B, 0x1A, 0xFF), IM_COL32(0xC8, 0x9B, 0x1C, 0xA0), IM_COL32(0x2E, 0x34, 0x3E, 0xFF),
    IM_COL32(0x3C, 0xC4, 0x7A, 0xFF), IM_COL32(0xF0, 0x7A, 0x4A, 0xFF),
    IM_COL32(0x8C, 0xB4, 0xFF, 0xFF),
    IM_COL32(0x7F, 0xA8, 0xF5, 0xFF), IM_COL32(0x5C, 0xC9, 0x8E, 0xFF), IM_COL32(0xF0, 0x96, 0x6B, 0xFF),
    IM_COL32(0xC0, 0x93, 0xF0, 0xFF), IM_COL32(0x4F, 0xC3, 0xD1, 0xFF), IM_COL32(0xF0, 0x85, 0xB0, 0xFF),
};

// High contrast: white on black, yellow for what acts, white borders (WCAG AAA).
constexpr Palette kHighContrast = {
    IM_COL32(0x00, 0x00, 0x00, 0xFF), IM_COL32(0x00, 0x00, 0x00, 0xFF), IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
    IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), IM_COL32(0xE0, 0xE0, 0xE0, 0xFF),
    IM_COL32(0xFF, 0xE0, 0x00, 0xFF), IM_COL32(0xFF, 0xEE, 0x66, 0xFF), IM_COL32(0xE6, 0xC8, 0x00, 0xFF),
    IM_COL32(0x00, 0x00, 0x00, 0xFF),
    IM_COL32(0x00, 0x00, 0x00, 0xFF), IM_COL32(0x33, 0x33, 0x33, 0xFF), IM_COL32(0x4D, 0x4D, 0x4D, 0xFF),
    IM_COL32(0x00, 0x3C, 0x8F, 0xFF), IM_COL32(0x26, 0x26, 0x26, 0xFF),
    IM_COL32(0x00, 0x2E, 0x6E, 0xFF), IM_COL32(0x00, 0x00, 0x00, 0xFF), IM_COL32(0x1A, 0x1A, 0x1A, 0xFF),
    IM_COL32(0x5C, 0x00, 0x00, 0xFF),
    IM_COL32(0x33, 0xFF, 0x66, 0xFF), IM_COL32(0xFF, 0xE0, 0x00, 0xFF), IM_COL32(0xFF, 0x55, 0x55, 0xFF),
    IM_COL32(0xFF, 0x66, 0x66, 0xFF),
    IM_COL32(0x33, 0x2B, 0x00, 0xFF), IM_COL32(0xFF, 0xE0, 0x00, 0xFF), IM_COL32(0xFF, 0xE0, 0x00, 0x40),
    IM_COL32(0xFF, 0xFF, 0xFF, 0x20),
    IM_COL32(0x55, 0x4A, 0x00, 0xFF), IM_COL32(0xFF, 0xE0, 0x00, 0x90), IM_COL32(0x33, 0x33, 0x33, 0xFF),
    IM_COL32(0x33, 0xFF, 0x66, 0xFF), IM_COL32(0xFF, 0x99, 0x33, 0xFF),
    IM_COL32(0x00, 0xFF, 0xFF, 0xFF),  // cyan: seen against the yellow of what acts
    IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), IM_COL32(0x66, 0xFF, 0x99, 0xFF), IM_COL32(0xFF, 0xCC, 0x66, 0xFF),
    IM_COL32(0xDD, 0xAA, 0xFF, 0xFF), IM_COL32(0x66, 0xEE, 0xFF, 0xFF), IM_COL32(0xFF, 0x99, 0xCC, 0xFF),
};

Appearance current;
std::uint32_t revision = 0;

}  // namespace

const char* theme_code(Theme theme) {
  switch (theme) {
    case Theme::Dark: return "dark";
    case Theme::HighContrast: return "contrast";
    case Theme::Light: break;
  }
  return "light";
}

bool parse_theme(std::string_view code, Theme& out) {
  if (code == "light") out = Theme::Light;
  else if (code == "dark") out = Theme::Dark;
  else if (code == "contrast") out = Theme::HighContrast;
  else return false;
  return true;
}

const Appearance& appearance() { return current; }
std::uint32_t appearance_revision() { return revision; }

void set_appearance(Appearance a) {
  a.font_scale = std::clamp(a.font_scale, kFontScaleMin, kFontScaleMax);
  if (!light_captured) {
    for (std::size_t i = 0; i < kSlotCount; ++i) light_palette[i] = *kSlots[i];
    light_captured = true;
  }
  const ImU32* values = a.theme == Theme::Dark           ? kDark
                        : a.theme == Theme::HighContrast ? kHighContrast
                                                         : light_palette;
  for (std::size_t i = 0; i < kSlotCount; ++i) *kSlots[i] = values[i];
  current = a;
  ++revision;
}

Fonts build_fonts(float dpr) {  // dpr: the UI scale (ratio x font scale)
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  atlas->Flags |= ImFontAtlasFlags_NoMouseCursors;  // the browser draws the cursor
  Fonts fonts;
  fonts.dpr = dpr;
  fonts.regular = add_font(embedded::font_regular, 17.0f, dpr);  // first font = default
  fonts.bold = add_font(embedded::font_bold, 17.0f, dpr);
  fonts.title = add_font(embedded::font_bold, 21.0f, dpr);
  fonts.small = add_font(embedded::font_regular, 14.0f, dpr);
  atlas->Build();
  return fonts;
}

void apply_style(float dpr) {
  ImGuiStyle style;  // fresh defaults, then ours, then scaled once
  style.WindowPadding = ImVec2(0, 0);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.ChildRounding = 0;
  style.ChildBorderSize = 0;
  style.FramePadding = ImVec2(10, 7);
  style.FrameRounding = 6;
  style.FrameBorderSize = 1;
  style.ItemSpacing = ImVec2(8, 8);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.ScrollbarSize = 12;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 6;
  style.PopupRounding = 6;
  style.SelectableTextAlign = ImVec2(0, 0.5f);
  style.ScaleAllSizes(dpr);

  ImVec4* c = style.Colors;
  if (current.theme == Theme::Light) ImGui::StyleColorsLight(&style);
  else ImGui::StyleColorsDark(&style);
  c[ImGuiCol_Text] = v4(color::kText);
  c[ImGuiCol_TextDisabled] = v4(color::kMuted);
  c[ImGuiCol_WindowBg] = v4(color::kBackground);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = v4(color::kPanel);
  c[ImGuiCol_Border] = v4(color::kBorder);
  c[ImGuiCol_FrameBg] = v4(color::kPanel);
  c[ImGuiCol_FrameBgHovered] = v4(color::kPanel);
  c[ImGuiCol_FrameBgActive] = v4(color::kPanel);
  c[ImGuiCol_Button] = v4(color::kButton);  // secondary; ImGui::PrimaryButton is the blue one
  c[ImGuiCol_ButtonHovered] = v4(color::kButtonHover);
  c[ImGuiCol_ButtonActive] = v4(color::kButtonActive);
  c[ImGuiCol_Header] = v4(color::kSelected);
  c[ImGuiCol_HeaderHovered] = v4(color::kHover);
  c[ImGuiCol_HeaderActive] = v4(color::kSelected);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0, 0, 0, 0.18f);
  c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0, 0, 0, 0.28f);
  c[ImGuiCol_ScrollbarGrabActive] = ImVec4(0, 0, 0, 0.38f);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.16f, 0.39f, 0.85f, 0.25f);
  c[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);  // ImGui::FocusRing draws a thicker one
  c[ImGuiCol_Separator] = v4(color::kBorder);
  c[ImGuiCol_CheckMark] = v4(color::kAccent);
  c[ImGuiCol_SliderGrab] = v4(color::kAccent);
  c[ImGuiCol_SliderGrabActive] = v4(color::kAccentActive);
  if (current.theme != Theme::Light) {
    // Light-on-dark scrollbars; high contrast: a solid focus ring and thicker frames.
    c[ImGuiCol_ScrollbarGrab] = ImVec4(1, 1, 1, 0.22f);
    c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(1, 1, 1, 0.32f);
    c[ImGuiCol_ScrollbarGrabActive] = ImVec4(1, 1, 1, 0.42f);
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.36f, 0.55f, 0.94f, 0.40f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
    // Fields and radio circles sit darker than the panels they are on.
    c[ImGuiCol_FrameBg] = c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBgActive] = v4(color::kBackground);
  }
  if (current.theme == Theme::HighContrast) {
    style.FrameBorderSize = std::max(1.0f, std::round(2 * dpr));
    c[ImGuiCol_TextSelectedBg] = ImVec4(1.0f, 0.88f, 0.0f, 0.45f);
  }
  ImGui::GetStyle() = style;
}

}  // namespace parta::ui
