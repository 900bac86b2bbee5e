// Layout of a chat's loaded history: each message's bubble size, measured once per
// (message, width, font) and kept with prefix offsets, so the history view can find
// the visible messages by binary search however tall each wrapped message is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "client/app/theme.h"
#include "imgui.h"
#include "shared/chat_state.h"

namespace parta::ui {

// The widest time mark, reserved on every bubble's name line (plus a check mark).
inline constexpr std::string_view kTimeMarkSample = "00:00";

struct BubbleMetrics {
  float pad_x = 0, pad_y = 0;  // inside the bubble
  float gap = 0;               // between bubbles
  float header_gap = 0;        // between the name line and the text
  float check = 0;             // width of the "acknowledged" check mark after the time
  float max_width = 0;         // widest bubble
  float wrap = 0;              // text wrap width inside the widest bubble
};

struct Bubble {
  float width = 0;   // bubble width
  float height = 0;  // bubble height (without the gap below)
};

BubbleMetrics bubble_metrics(float area_width, const Fonts& fonts);
// Whether a chat member is a verified teacher (their name gets the badge).
bool is_verified_teacher(const ChatEntry& chat, std::int64_t user_id);
// Measures one bubble: a name line (bold) with a mark (small), then wrapped text.
// `mark_extra` is drawn after the mark (the check mark), in pixels.
Bubble measure_bubble(const BubbleMetrics& m, const Fonts& fonts, std::string_view name, std::string_view mark,
                      std::string_view text, float mark_extra = 0);

class HistoryLayout {
 public:
  // Brings the layout in line with `chat` at `width`; O(1) when nothing changed,
  // measures only messages it has not seen at this width otherwise.
  void update(const ChatEntry& chat, float width, const Fonts& fonts);

  const BubbleMetrics& metrics() const { return metrics_; }
  std::size_t size() const { return bubbles_.size(); }
  const Bubble& bubble(std::size_t i) const { return bubbles_[i]; }
  float top(std::size_t i) const { return offsets_[i]; }  // i == size(): total height
  float total_height() const { return offsets_.empty() ? 0.0f : offsets_.back(); }
  // Index of the message covering y (clamped to [0, size())).
  std::size_t index_at(float y) const;
  // Index of the message with `seq`, or size() if it is not loaded.
  std::size_t index_of(std::uint64_t seq) const;

 private:
  ChatId chat_;
  float width_ = -1;
  const ImFont* font_ = nullptr;
  std::size_t count_ = 0;
  std::uint64_t first_seq_ = 0, last_seq_ = 0;
  BubbleMetrics metrics_;
  std::unordered_map<std::uint64_t, Bubble> cache_;  // by seq, for this chat and width
  std::vector<Bubble> bubbles_;                      // parallel to chat.messages
  std::vector<float> offsets_;                       // size()+1 prefix sums of height+gap
  std::vector<std::uint64_t> seqs_;
};

}  // namespace parta::ui
