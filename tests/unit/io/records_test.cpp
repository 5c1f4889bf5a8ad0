// The JSON Lines records of `diplograph extract`: written by hand (io/records.cpp), they must be
// the text rapidjson's Writer gives for the same values, and read back intact, whatever the names
// and sentences hold.
#include <gtest/gtest.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <vector>

#include "diplograph/io/records.hpp"

namespace diplograph::io {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Names a hostile or careless source could put in a record.
const std::vector<std::string>& hostile_strings() {
  static const std::vector<std::string> strings = {
      "",
      "Japan",
      "say \"no\"",
      "back\\slash\\",
      "line\nbreak\r\n\ttab",
      std::string("nul\0byte", 8),
      "\x01\x02\x08\x0b\x0c\x1b\x1f\x7f",
      "<script>alert(1)</script> & </b>",
      "\xC3\xA9lys\xC3\xA9\x65 \xE5\x8F\xB0\xE6\xB9\xBE \xF0\x9F\x87\xAF\xF0\x9F\x87\xB5",
      "{\"type\":\"event\"}\n{",
  };
  return strings;
}

void put(Writer& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// The reference: the same event written through rapidjson::Writer.
std::string rapidjson_event(const Event& e) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put(w, "type", "event");
  const Provenance& p = e.provenance.front();
  put(w, "doc", p.doc);
  w.Key("sentence");
  w.Uint64(p.sentence);
  for (const auto* side : {&e.source, &e.target}) {
    w.Key(side == &e.source ? "source" : "target");
    w.StartObject();
    put(w, "id", side->id);
    put(w, "name", side->name);
    put(w, "code", side->code);
    w.EndObject();
  }
  put(w, "cameo", e.cameo);
  put(w, "root", e.root);
  w.Key("quad");
  w.Int(e.quad);
  w.Key("goldstein");
  w.Double(e.goldstein);
  if (e.date) put(w, "date", e.date->iso());
  w.Key("confidence");
  w.Double(e.confidence);
  if (e.domestic) {
    w.Key("domestic");
    w.Bool(true);
  }
  put(w, "evidence", p.evidence);
  w.Key("span");
  w.StartArray();
  w.Uint64(p.span.start);
  w.Uint64(p.span.end);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Event event_with(const std::string& text, double goldstein, double confidence) {
  Event e;
  e.source = ActorRef{"person/" + text, text, "JPNGOV"};
  e.target = ActorRef{"state/TWN", "Taiwan " + text, "TWN"};
  e.cameo = "042";
  e.root = "04";
  e.quad = 1;
  e.goldstein = goldstein;
  e.confidence = confidence;
  e.date = Date{2024, 8, 16};
  e.domestic = text.size() % 2 == 1;
  e.provenance.push_back(Provenance{"doc " + text, 3, Span{10, 42}, "Kishida said " + text + "."});
  return e;
}

TEST(Records, EventRecordIsWhatRapidjsonWrites) {
  for (const auto& text : hostile_strings())
    for (const double goldstein : {-10.0, -2.0, 0.0, 1.9, 3.4, 7.0, 10.0})
      for (const double confidence : {0.0, 0.35, 0.52, 0.9, 1.0}) {
        const Event e = event_with(text, goldstein, confidence);
        EXPECT_EQ(event_record(e), rapidjson_event(e)) << "text: " << text;
      }
}

TEST(Records, NumbersKeepRapidjsonsForm) {
  const std::string line = event_record(event_with("x", -10.0, 1.0));
  EXPECT_NE(line.find("\"goldstein\":-10.0,"), std::string::npos) << line;
  EXPECT_NE(line.find("\"confidence\":1.0,"), std::string::npos) << line;
  EXPECT_NE(line.find("\"span\":[10,42]}"), std::string::npos) << line;
  EXPECT_NE(line.find("\"cameo\":\"042\""), std::string::npos) << line;  // a string: the zero stays
}

TEST(Records, ControlCharactersAreEscapedLikeRapidjson) {
  const std::string line = event_record(event_with(std::string("a\x01\x1f\b\"\\", 6), 1.0, 1.0));
  EXPECT_NE(line.find(R"(a\u0001\u001F\b\"\\)"), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line, whatever the text held
}

TEST(Records, HostileNamesReadBackIntact) {
  std::string text;
  for (const auto& s : hostile_strings()) {
    Document d;
    d.id = "doc " + s;
    d.title = s;
    d.date = Date{2024, 8, 20};
    append_document_record(text, d);
    Actor a;
    a.id = "person/" + s;
    a.name = s;
    a.code = "JPNGOV";
    a.country = "JPN";
    a.kind = ActorKind::person;
    a.title = "Prime Minister " + s;
    a.aliases = {s, "K " + s};
    append_actor_record(text, d, a, {Mention{0, 1, 2, 3, Span{4, 9}}});
    append_event_record(text, event_with(s, -4.4, 0.75));
  }
  const Records back = parse_records(text, "records.jsonl");
  ASSERT_TRUE(back.errors.empty()) << back.errors.front().to_string();
  const auto& strings = hostile_strings();
  ASSERT_EQ(back.documents, strings.size());
  ASSERT_EQ(back.actors.size(), strings.size());
  ASSERT_EQ(back.events.size(), strings.size());
  for (std::size_t i = 0; i < strings.size(); ++i) {
    EXPECT_EQ(back.actors[i].name, strings[i]);
    EXPECT_EQ(back.actors[i].title, "Prime Minister " + strings[i]);
    ASSERT_EQ(back.actors[i].aliases.size(), 2U);
    EXPECT_EQ(back.actors[i].aliases[0], strings[i]);
    EXPECT_EQ(back.events[i].source.name, strings[i]);
    EXPECT_EQ(back.events[i].target.name, "Taiwan " + strings[i]);
    EXPECT_DOUBLE_EQ(back.events[i].goldstein, -4.4);
    ASSERT_FALSE(back.events[i].provenance.empty());
    EXPECT_EQ(back.events[i].provenance.front().evidence, "Kishida said " + strings[i] + ".");
  }
}

TEST(Records, AppendingKeepsWhatWasThere) {
  std::string out = "earlier line\n";
  Document d;
  d.id = "d1";
  append_document_record(out, d);
  EXPECT_EQ(out, "earlier line\n{\"type\":\"document\",\"id\":\"d1\",\"sentences\":0}\n");
  EXPECT_EQ(document_record(d), "{\"type\":\"document\",\"id\":\"d1\",\"sentences\":0}\n");
}

}  // namespace
}  // namespace diplograph::io
