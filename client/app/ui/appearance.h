// The person's theme and font scale, as values (no ImGui): what the settings
// intents carry and the app persists in localStorage; theme.h applies them.
#pragma once

#include <cstdint>

namespace parta::ui {

enum class Theme : std::uint8_t { Light, Dark, HighContrast };
inline constexpr int kFontScaleMin = 100, kFontScaleMax = 200, kFontScaleStep = 25;  // percent
struct Appearance {
  Theme theme = Theme::Light;
  int font_scale = 100;  // percent, kFontScaleMin..kFontScaleMax
};

}  // namespace parta::ui
