// Fonts and style. Everything is sized in CSS pixels and multiplied by the device
// pixel ratio: ImGui runs in framebuffer pixels, so text is rasterized 1:1 and crisp.
#include "client/app/theme.h"

#include <cmath>

#include "client/app/embedded.h"

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

}  // namespace

Fonts build_fonts(float dpr) {
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
  ImGui::StyleColorsLight(&style);
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
  c[ImGuiCol_NavHighlight] = v4(color::kAccent);
  c[ImGuiCol_Separator] = v4(color::kBorder);
  ImGui::GetStyle() = style;
}

}  // namespace parta::ui
