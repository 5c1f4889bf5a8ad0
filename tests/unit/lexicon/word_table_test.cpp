// lexicon::WordTable, the word -> id map of the hot loops: ids dense and stable, every word found
// again after the table grows, absent words (including prefixes, extensions and words with the
// same bytes in another length) not found, checked against std::unordered_map on random words.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "diplograph/lexicon/word_table.hpp"

namespace diplograph::lexicon {
namespace {

TEST(WordTable, IdsAreDenseInInsertionOrder) {
  WordTable t;
  EXPECT_EQ(t.find("meet"), WordTable::npos);  // empty table
  EXPECT_EQ(t.intern("meet"), 0u);
  EXPECT_EQ(t.intern("met"), 1u);
  EXPECT_EQ(t.intern("meet"), 0u);  // again: same id, nothing added
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.find("met"), 1u);
  EXPECT_EQ(t.word(0), "meet");
  EXPECT_EQ(t.find("mee"), WordTable::npos);
  EXPECT_EQ(t.find("meets"), WordTable::npos);
  EXPECT_EQ(t.find(""), WordTable::npos);
  EXPECT_EQ(t.intern(""), 2u);  // the empty word is a word like any other
  EXPECT_EQ(t.find(""), 2u);
}

TEST(WordTable, TailBytesAndLengthsAreTold) {
  // Words that differ only in their last bytes or their length, around the 8-byte blocks.
  WordTable t;
  std::vector<std::string> words;
  for (std::size_t n = 1; n <= 20; ++n) {
    std::string same(n, 'a'), last(n, 'a'), first(n, 'a');
    last.back() = 'b';
    first.front() = 'b';
    words.push_back(same);
    words.push_back(last);
    words.push_back(first);
  }
  std::unordered_map<std::string, std::uint32_t> ids;
  for (const auto& w : words)
    if (!ids.count(w)) ids[w] = t.intern(w);
  EXPECT_EQ(t.size(), ids.size());
  for (const auto& [w, id] : ids) {
    EXPECT_EQ(t.find(w), id) << w;
    EXPECT_EQ(t.word(id), w);
  }
  EXPECT_EQ(t.find(std::string(21, 'a')), WordTable::npos);
  EXPECT_EQ(t.find(std::string("a\0", 2)), WordTable::npos);  // a NUL byte is a byte
}

TEST(WordTable, AgreesWithUnorderedMapOnRandomWords) {
  std::mt19937 rng(20261202);
  std::uniform_int_distribution<int> length(0, 24);
  std::uniform_int_distribution<int> letter(0, 5);  // a small alphabet: many near-collisions
  auto random_word = [&] {
    std::string w(static_cast<std::size_t>(length(rng)), 'a');
    for (auto& c : w) c = static_cast<char>('a' + letter(rng));
    return w;
  };
  WordTable t;
  std::unordered_map<std::string, std::uint32_t> reference;
  for (int i = 0; i < 5000; ++i) {  // grows the table many times
    const std::string w = random_word();
    const auto id = t.intern(w);
    const auto [it, added] = reference.emplace(w, id);
    EXPECT_EQ(it->second, id) << w;
    if (added) {
      EXPECT_EQ(id, reference.size() - 1);
    }
  }
  for (int i = 0; i < 5000; ++i) {
    const std::string w = random_word();
    const auto it = reference.find(w);
    EXPECT_EQ(t.find(w), it == reference.end() ? WordTable::npos : it->second) << w;
  }
}

// The direct-mapped index in front of a table answers as the table does, for words of every
// length 0-12 (those over 8 bytes go to the table), with a small index where slots are shared
// and a large one where most are not.
TEST(ShortWordIndex, AgreesWithItsTable) {
  std::mt19937 rng(20261203);
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<int> letter(0, 3);
  auto random_word = [&] {
    std::string w(static_cast<std::size_t>(length(rng)), 'a');
    for (auto& c : w) c = static_cast<char>('a' + letter(rng));
    return w;
  };
  WordTable t;
  for (int i = 0; i < 3000; ++i) t.intern(random_word());
  for (const unsigned bits : {4u, 16u}) {
    const ShortWordIndex index(t, bits);
    for (int i = 0; i < 20000; ++i) {
      const std::string w = random_word();
      EXPECT_EQ(index.find(w, t), t.find(w)) << w << " with " << bits << " bits";
    }
    for (std::uint32_t id = 0; id < t.size(); ++id) EXPECT_EQ(index.find(t.word(id), t), id);
  }
  EXPECT_EQ(ShortWordIndex().find("abc", t), t.find("abc"));  // an empty index asks the table
}

}  // namespace
}  // namespace diplograph::lexicon
