// The event coder on validation records (tests/data/extract/events/validation.tsv): each row
// is a sentence with its actors marked, the feature it tests and the events expected. Actors
// are given by hand, so these tests check the coder alone, not the recogniser.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diplograph/extract/event_coder.hpp"
#include "diplograph/extract/event_dates.hpp"
#include "diplograph/text/splitter.hpp"

namespace diplograph::extract {
namespace {

struct Record {
  std::size_t line = 0;
  std::string marked;
  std::string feature;
  std::set<std::string> expected;
};

std::vector<Record> load_records() {
  std::ifstream in(std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/extract/events/validation.tsv");
  std::vector<Record> out;
  std::string line;
  std::size_t n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    Record r;
    r.line = n;
    std::istringstream fields(line);
    std::string expected;
    std::getline(fields, r.marked, '\t');
    std::getline(fields, r.feature, '\t');
    std::getline(fields, expected, '\t');
    if (expected != "none") {
      std::istringstream items(expected);
      std::string item;
      while (std::getline(items, item, ';')) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) r.expected.insert(item);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Turns "[Japan|JPN] praised [Taiwan|TWN]." into a split document and its actors.
struct Built {
  Document document;
  DocumentActors actors;
};

Built build(const std::string& marked) {
  Built b;
  struct Marked {
    std::size_t start, end;
    std::string name, code;
  };
  std::vector<Marked> marks;
  std::string text;
  for (std::size_t i = 0; i < marked.size();) {
    if (marked[i] == '[') {
      const auto bar = marked.find('|', i);
      const auto close = marked.find(']', i);
      Marked m;
      m.name = marked.substr(i + 1, bar - i - 1);
      m.code = marked.substr(bar + 1, close - bar - 1);
      m.start = text.size();
      text += m.name;
      m.end = text.size();
      marks.push_back(m);
      i = close + 1;
    } else {
      text += marked[i++];
    }
  }
  b.document.id = "validation";
  b.document.date = Date{2024, 8, 20};
  b.document.text = text;
  b.document.sentences = text::split_sentences(b.document.text);
  std::map<std::string, std::size_t> ids;
  for (const auto& m : marks) {
    const std::string id = "test/" + m.name;
    if (ids.count(id)) continue;
    Actor a;
    a.id = id;
    a.name = m.name;
    a.code = m.code;
    a.country = m.code.starts_with("IGO") ? "" : m.code.substr(0, 3);
    a.kind = ActorKind::state;
    ids[id] = 0;
    b.actors.actors.push_back(a);
  }
  std::sort(b.actors.actors.begin(), b.actors.actors.end(), [](const Actor& x, const Actor& y) { return x.id < y.id; });
  for (std::size_t i = 0; i < b.actors.actors.size(); ++i) ids[b.actors.actors[i].id] = i;
  for (const auto& m : marks) {
    for (std::size_t s = 0; s < b.document.sentences.size(); ++s) {
      const auto& tokens = b.document.sentences[s].tokens;
      std::size_t first = tokens.size(), last = 0;
      for (std::size_t t = 0; t < tokens.size(); ++t) {
        if (tokens[t].span.end <= m.start || tokens[t].span.start >= m.end) continue;
        first = std::min(first, t);
        last = std::max(last, t);
      }
      if (first == tokens.size()) continue;
      Mention mention;
      mention.actor = ids["test/" + m.name];
      mention.sentence = s;
      mention.first_token = first;
      mention.last_token = last;
      mention.span = Span{m.start, m.end};
      b.actors.mentions.push_back(mention);
    }
  }
  std::sort(b.actors.mentions.begin(), b.actors.mentions.end(), [](const Mention& x, const Mention& y) {
    return std::tie(x.sentence, x.first_token) < std::tie(y.sentence, y.first_token);
  });
  return b;
}

std::set<std::string> coded(const Built& b, const EventCoder& coder, std::vector<Event>* events = nullptr) {
  std::set<std::string> out;
  const auto found = coder.code(b.document, b.actors);
  for (const auto& e : found) out.insert(e.source.code + ">" + e.target.code + " " + e.cameo);
  if (events) *events = found;
  return out;
}

std::string show(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : "; ") + x;
  return out.empty() ? "none" : out;
}

TEST(EventCoderValidation, EveryRecord) {
  const auto records = load_records();
  ASSERT_GE(records.size(), 40u);
  const EventCoder coder;
  std::size_t failures = 0;
  for (const auto& r : records) {
    const auto got = coded(build(r.marked), coder);
    if (got != r.expected) {
      ++failures;
      ADD_FAILURE() << "validation.tsv:" << r.line << " (" << r.feature << ")\n  " << r.marked
                    << "\n  expected: " << show(r.expected) << "\n  got:      " << show(got);
    }
  }
  EXPECT_EQ(failures, 0u);
}

TEST(EventCoder, EventsCarryProvenanceCodebookFactsAndDates) {
  const EventCoder coder;
  const auto b = build("It rained. [Japan|JPN] thanked [Taiwan|TWN] on Friday.");
  std::vector<Event> events;
  coded(b, coder, &events);
  ASSERT_EQ(events.size(), 1u);
  const Event& e = events[0];
  EXPECT_EQ(e.cameo, "051");
  EXPECT_EQ(e.root, "05");
  EXPECT_EQ(e.quad, 1);
  EXPECT_DOUBLE_EQ(e.goldstein, 3.4);
  ASSERT_TRUE(e.date);
  EXPECT_EQ(e.date->iso(), "2024-08-16");  // the Friday before Tuesday 20 August
  ASSERT_EQ(e.provenance.size(), 1u);
  EXPECT_EQ(e.provenance[0].doc, "validation");
  EXPECT_EQ(e.provenance[0].sentence, 1u);
  EXPECT_EQ(e.provenance[0].evidence, "Japan thanked Taiwan on Friday.");
  EXPECT_EQ(b.document.text.substr(e.provenance[0].span.start, e.provenance[0].span.end - e.provenance[0].span.start),
            e.provenance[0].evidence);
  EXPECT_GT(e.confidence, 0.0);
  EXPECT_LE(e.confidence, 1.0);
  EXPECT_FALSE(e.domestic);
}

TEST(EventCoder, SameCountryEventsAreMarkedDomestic) {
  const EventCoder coder;
  std::vector<Event> events;
  coded(build("[The Liberal Democratic Party|JPNPTY] criticised [the Japanese government|JPNGOV]."), coder, &events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].domestic);
}

TEST(EventCoder, NoActorsNoEventsAndEmptyDocuments) {
  const EventCoder coder;
  EXPECT_TRUE(coded(build("Officials praised the plan and met reporters."), coder).empty());
  Document empty;
  EXPECT_TRUE(coder.code(empty, DocumentActors{}).empty());
}

TEST(EventCoder, TraceSaysWhatBecameOfEachMatch) {
  const EventCoder coder;
  const auto b = build("[Israel|ISR] did not meet [Jordan|JOR].");
  std::vector<std::string> trace;
  EXPECT_TRUE(coder.code(b.document, b.actors, &trace).empty());
  ASSERT_FALSE(trace.empty());
  EXPECT_NE(trace[0].find("negated"), std::string::npos) << trace[0];
}

}  // namespace
}  // namespace diplograph::extract
