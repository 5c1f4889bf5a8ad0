// A map from short words to dense integer ids, for the hot loops that look every token of a
// sentence up in a word list: one hash of the word and, nearly always, one comparison, where a
// std::unordered_map<std::string, ...> pays an allocation-heavy node walk and a linear list pays
// a comparison per entry. Built once (intern), then read by any number of threads (find).
//
//   lexicon::WordTable table;
//   table.intern("meet");                 // -> 0
//   table.intern("met");                  // -> 1
//   table.find("met");                    // -> 1
//   table.find("greet");                  // -> WordTable::npos
//
// Open addressing with linear probing over a power-of-two array kept at most half full; the
// words themselves live in one buffer. Ids are given in insertion order, 0 .. size()-1, so a
// caller can keep per-word data in a plain vector indexed by id.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace diplograph::lexicon {

class WordTable {
 public:
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;

  // The id of `word`, adding it if it is new.
  std::uint32_t intern(std::string_view word) {
    if ((m_spans.size() + 1) * 2 > m_slots.size()) grow();
    const std::uint64_t h = hash(word);
    for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
      const std::uint64_t slot = m_slots[i];
      if (slot == 0) {
        const auto id = static_cast<std::uint32_t>(m_spans.size());
        m_spans.push_back({static_cast<std::uint32_t>(m_chars.size()), static_cast<std::uint32_t>(word.size())});
        m_hashes.push_back(h);
        m_chars.append(word);
        m_slots[i] = make_slot(h, id);
        return id;
      }
      if ((slot >> 32) == (h >> 32) && equal(slot_id(slot), word)) return slot_id(slot);
    }
  }

  // The id of `word`, or npos.
  [[nodiscard]] std::uint32_t find(std::string_view word) const noexcept {
    if (m_slots.empty()) return npos;
    const std::uint64_t h = hash(word);
    for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
      const std::uint64_t slot = m_slots[i];
      if (slot == 0) return npos;
      if ((slot >> 32) == (h >> 32) && equal(slot_id(slot), word)) return slot_id(slot);
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return m_spans.size(); }
  [[nodiscard]] std::string_view word(std::uint32_t id) const noexcept {
    return std::string_view(m_chars.data() + m_spans[id].offset, m_spans[id].length);
  }

  // 64-bit hash of a short string, eight bytes at a time (words are mostly under 16 bytes).
  static std::uint64_t hash(std::string_view s) noexcept {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = s.size() * k;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      h = (h ^ v) * k;
      h ^= h >> 29;
    }
    if (const std::size_t n = s.size() - i; n > 0) {
      // the last 1-7 bytes by fixed-size (overlapping) loads, which compile to plain moves
      const char* p = s.data() + i;
      std::uint64_t v;
      if (n >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);
        v = (static_cast<std::uint64_t>(hi) << 32) | lo;
      } else {
        v = (static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
            (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
            static_cast<unsigned char>(p[n - 1]);
      }
      h = (h ^ v) * k;
      h ^= h >> 29;
    }
    h *= k;
    return h ^ (h >> 32);
  }

 private:
  // A slot holds the word's hash's high half (to pass over other words without reading them)
  // and its id + 1; 0 is an empty slot.
  static std::uint64_t make_slot(std::uint64_t h, std::uint32_t id) { return (h & 0xFFFFFFFF00000000ull) | (id + 1ull); }
  static std::uint32_t slot_id(std::uint64_t slot) { return static_cast<std::uint32_t>(slot) - 1; }

  // Whether word `id` is `w`: the length first, then the bytes by (overlapping) fixed-size
  // loads for the short words that make up nearly every look-up, instead of a call to memcmp.
  [[nodiscard]] bool equal(std::uint32_t id, std::string_view w) const noexcept {
    const Span span = m_spans[id];
    if (span.length != w.size()) return false;
    const char* a = m_chars.data() + span.offset;
    const char* b = w.data();
    const std::size_t n = w.size();
    auto load8 = [](const char* p) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    };
    auto load4 = [](const char* p) {
      std::uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    };
    if (n > 16) return std::memcmp(a, b, n) == 0;
    if (n >= 8) return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
    if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

  void grow() {
    const std::size_t capacity = m_slots.empty() ? 64 : m_slots.size() * 2;
    m_slots.assign(capacity, 0);
    m_mask = capacity - 1;
    for (std::uint32_t id = 0; id < m_spans.size(); ++id) {
      std::size_t i = m_hashes[id] & m_mask;
      while (m_slots[i] != 0) i = (i + 1) & m_mask;
      m_slots[i] = make_slot(m_hashes[id], id);
    }
  }

  std::vector<std::uint64_t> m_slots;
  std::size_t m_mask = 0;
  struct Span {
    std::uint32_t offset;
    std::uint32_t length;
  };
  std::vector<Span> m_spans;  // by id: the word's bytes in m_chars
  std::vector<std::uint64_t> m_hashes;
  std::string m_chars;
};

// How a direct-mapped index of words (ShortWordIndex below, and the event coder's index of
// tokens) fills its slots: a slot two words fall into keeps the shorter (short words are the
// frequent ones: "to", "of") and has kSharedSlot set in its length, so that the others go on to
// the table. `Slot` has the word's length `n` and its table id `id` (WordTable::npos: empty).
inline constexpr std::uint32_t kSharedSlot = 0x80000000u;
template <class Slot>
void place_in_slot(Slot& slot, Slot word) {
  if (slot.id == WordTable::npos) {
    slot = word;
    return;
  }
  slot.n |= kSharedSlot;
  if (word.n < (slot.n & ~kSharedSlot)) {
    word.n |= kSharedSlot;
    slot = word;
  }
}

// Words of 1 to 8 bytes (most tokens of news) looked up in a direct-mapped table keyed by their
// bytes, without hashing them: one multiply, one slot. It sits in front of a WordTable: a slot
// two of the table's words fall into keeps the shorter and is marked shared, so that the others
// go on to the table, as a longer word does.
//
//   ShortWordIndex index(table, 12);      // 4096 slots
//   std::uint32_t id = index.find(word, table);   // == table.find(word), most often faster
class ShortWordIndex {
 public:
  ShortWordIndex() = default;
  ShortWordIndex(const WordTable& table, unsigned bits) : m_shift(64 - bits) {
    m_slots.assign(std::size_t{1} << bits, {});
    for (std::uint32_t id = 0; id < table.size(); ++id) {
      const std::string_view w = table.word(id);
      if (w.empty() || w.size() > 8) continue;
      place_in_slot(m_slots[index(key(w), w.size())], Slot{key(w), static_cast<std::uint32_t>(w.size()), id});
    }
  }

  // The id `table` (the one the index was built from) gives `w`, or WordTable::npos.
  [[nodiscard]] std::uint32_t find(std::string_view w, const WordTable& table) const noexcept {
    if (!m_slots.empty() && !w.empty() && w.size() <= 8) {
      const std::uint64_t k = key(w);
      const Slot& s = m_slots[index(k, w.size())];
      if (s.key == k && (s.n & ~kShared) == w.size() && s.id != WordTable::npos) return s.id;
      if (!(s.n & kShared)) return WordTable::npos;
    }
    return table.find(w);
  }

  // find() without the table, for a caller that keeps this part inline and the table's look-up
  // out of line: the id, WordTable::npos when the word is surely not in the table, or kAskTable
  // when only the table can tell (a word longer than 8 bytes, or one a shared slot sends on).
  static constexpr std::uint32_t kAskTable = WordTable::npos - 1;
  [[nodiscard]] std::uint32_t find_short(std::string_view w) const noexcept {
    if (m_slots.empty() || w.empty() || w.size() > 8) return kAskTable;
    const std::uint64_t k = key(w);
    const Slot& s = m_slots[index(k, w.size())];
    if (s.key == k && (s.n & ~kShared) == w.size() && s.id != WordTable::npos) return s.id;
    return (s.n & kShared) ? kAskTable : WordTable::npos;
  }

  // The bytes of a word of 1 to 8 bytes as one number: with its length it names the word
  // exactly (4-8 bytes: the first and last four; 1-3 bytes: bytes 0, n/2 and n-1, all of them).
  static std::uint64_t key(std::string_view w) noexcept {
    const char* p = w.data();
    const std::size_t n = w.size();
    if (n >= 4) {
      std::uint32_t lo;
      std::uint32_t hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      return lo | (std::uint64_t{hi} << 32);
    }
    return static_cast<unsigned char>(p[0]) | (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
           (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }

 private:
  static constexpr std::uint32_t kShared = kSharedSlot;  // in Slot::n: other words fall here too
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t n = 0;  // the word's length, with kShared
    std::uint32_t id = WordTable::npos;  // npos: no word of the table here
  };
  [[nodiscard]] std::size_t index(std::uint64_t key, std::size_t n) const noexcept {
    return static_cast<std::size_t>(((key + n) * 0x9E3779B97F4A7C15ULL) >> m_shift);
  }
  std::vector<Slot> m_slots;
  unsigned m_shift = 63;
};

}  // namespace diplograph::lexicon
