// The CRM actions every CRM plugin (hubspot, salesforce) offers: one set of names and one set of
// input/output types, so an agent calls either provider the same way and reads the same shapes.
// Header-only; each plugin includes it and registers its own implementation of each action.
#pragma once

#include <actionhost/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crm {

// A person in the CRM, as every action returns it. Fields the CRM has no value for are absent.
struct Contact {
  std::string id;
  std::optional<std::string> email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> company;
  std::optional<std::string> phone;
  std::optional<std::string> job_title;
  std::optional<ah::DateTime> created_at;
  std::optional<ah::DateTime> updated_at;
  static auto fields() {
    return std::tuple{
        ah::field("id", &Contact::id, "The contact's id in the CRM"),
        ah::field("email", &Contact::email, "Primary email address"),
        ah::field("first_name", &Contact::first_name, "First name"),
        ah::field("last_name", &Contact::last_name, "Last name"),
        ah::field("company", &Contact::company, "Company (Salesforce: the contact's account)"),
        ah::field("phone", &Contact::phone, "Phone number"),
        ah::field("job_title", &Contact::job_title, "Job title"),
        ah::field("created_at", &Contact::created_at, "When the contact was created"),
        ah::field("updated_at", &Contact::updated_at, "When the contact last changed")};
  }
};

struct CreateContactIn {
  ah::Email email;
  std::string last_name;
  std::optional<std::string> first_name;
  std::optional<std::string> company;
  std::optional<std::string> phone;
  std::optional<std::string> job_title;
  static auto fields() {
    return std::tuple{
        ah::field("email", &CreateContactIn::email,
                  "Email address; a CRM holds one contact per email, so an address already in use "
                  "is refused with the existing contact's id"),
        ah::field("last_name", &CreateContactIn::last_name, "Last name")
            .min_length(1)
            .max_length(80),
        ah::field("first_name", &CreateContactIn::first_name, "First name").max_length(40),
        ah::field("company", &CreateContactIn::company,
                  "Company name (Salesforce: the account of that name, created when missing)")
            .min_length(1)
            .max_length(255),
        ah::field("phone", &CreateContactIn::phone, "Phone number").max_length(40),
        ah::field("job_title", &CreateContactIn::job_title, "Job title").max_length(128)};
  }
};

struct UpdateContactIn {
  std::string id;
  std::optional<ah::Email> email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> company;
  std::optional<std::string> phone;
  std::optional<std::string> job_title;
  static auto fields() {
    return std::tuple{
        ah::field("id", &UpdateContactIn::id,
                  "The contact's id (from search_contacts or create_contact)")
            .min_length(1)
            .max_length(64),
        ah::field("email", &UpdateContactIn::email, "New email address"),
        ah::field("first_name", &UpdateContactIn::first_name, "New first name").max_length(40),
        ah::field("last_name", &UpdateContactIn::last_name, "New last name")
            .min_length(1)
            .max_length(80),
        ah::field("company", &UpdateContactIn::company,
                  "New company (Salesforce: the account of that name, created when missing)")
            .min_length(1)
            .max_length(255),
        ah::field("phone", &UpdateContactIn::phone, "New phone number").max_length(40),
        ah::field("job_title", &UpdateContactIn::job_title, "New job title").max_length(128)};
  }
  bool empty() const {
    return !email && !first_name && !last_name && !company && !phone && !job_title;
  }
};

struct SearchContactsIn {
  std::optional<ah::Email> email;
  std::optional<std::string> name;
  std::optional<std::string> company;
  std::int32_t limit = 20;
  std::optional<std::string> cursor;
  static auto fields() {
    return std::tuple{
        ah::field("email", &SearchContactsIn::email, "Exact email address (case does not matter)"),
        ah::field("name", &SearchContactsIn::name,
                  "Name: one word matches first or last names starting with it; several words "
                  "match first name (first word) and last name (the rest) starting with them")
            .min_length(1)
            .max_length(100),
        ah::field("company", &SearchContactsIn::company,
                  "Exact company name (case does not matter)")
            .min_length(1)
            .max_length(255),
        ah::field("limit", &SearchContactsIn::limit, "Most contacts in this page")
            .minimum(1)
            .maximum(100)
            .default_value(20),
        ah::field("cursor", &SearchContactsIn::cursor,
                  "next_cursor of the previous page, with the same email, name and company")
            .min_length(1)
            .max_length(512)};
  }
};

// One page of contacts; pass next_cursor back (with the same filters) for the next one.
struct ContactPage {
  std::vector<Contact> contacts;
  std::optional<std::string> next_cursor;
  std::int64_t total = 0;
  static auto fields() {
    return std::tuple{
        ah::field("contacts", &ContactPage::contacts, "The contacts in this page"),
        ah::field("next_cursor", &ContactPage::next_cursor,
                  "Cursor of the next page; absent on the last page"),
        ah::field("total", &ContactPage::total, "How many contacts match, in all pages")};
  }
};

struct FetchRecentLeadsIn {
  ah::DateTime since;
  std::int32_t limit = 20;
  std::optional<std::string> cursor;
  static auto fields() {
    return std::tuple{ah::field("since", &FetchRecentLeadsIn::since,
                                "Contacts created or updated at or after this time"),
                      ah::field("limit", &FetchRecentLeadsIn::limit, "Most contacts in this page")
                          .minimum(1)
                          .maximum(100)
                          .default_value(20),
                      ah::field("cursor", &FetchRecentLeadsIn::cursor,
                                "next_cursor of the previous page, with the same since")
                          .min_length(1)
                          .max_length(512)};
  }
};

struct CreateDealIn {
  std::string name;
  ah::Date close_date;
  std::optional<double> amount;
  std::optional<std::string> stage;
  std::vector<std::string> contact_ids;
  static auto fields() {
    return std::tuple{
        ah::field("name", &CreateDealIn::name, "Deal name").min_length(1).max_length(120),
        ah::field("close_date", &CreateDealIn::close_date, "Expected close date"),
        ah::field("amount", &CreateDealIn::amount, "Deal amount in the CRM's currency").minimum(0),
        ah::field("stage", &CreateDealIn::stage,
                  "Pipeline stage as the CRM names it (HubSpot: a stage id such as "
                  "appointmentscheduled, the default; Salesforce: a stage name such as "
                  "Prospecting, the default)")
            .min_length(1)
            .max_length(255),
        ah::field("contact_ids", &CreateDealIn::contact_ids, "Contacts to associate with the deal")
            .max_items(10)
            .default_value(std::vector<std::string>{})};
  }
};

struct Deal {
  std::string id;
  std::string name;
  std::string stage;
  std::optional<ah::Date> close_date;
  std::optional<double> amount;
  std::vector<std::string> contact_ids;
  static auto fields() {
    return std::tuple{ah::field("id", &Deal::id, "The deal's id in the CRM"),
                      ah::field("name", &Deal::name, "Deal name"),
                      ah::field("stage", &Deal::stage, "Pipeline stage"),
                      ah::field("close_date", &Deal::close_date, "Expected close date"),
                      ah::field("amount", &Deal::amount, "Deal amount"),
                      ah::field("contact_ids", &Deal::contact_ids, "Associated contacts")};
  }
};

struct LogNoteIn {
  std::string body;
  std::optional<std::string> contact_id;
  std::optional<std::string> deal_id;
  static auto fields() {
    return std::tuple{
        ah::field("body", &LogNoteIn::body, "The note's text").min_length(1).max_length(30000),
        ah::field("contact_id", &LogNoteIn::contact_id,
                  "Contact to attach the note to (give contact_id or deal_id, not both)")
            .min_length(1)
            .max_length(64),
        ah::field("deal_id", &LogNoteIn::deal_id,
                  "Deal to attach the note to (give contact_id or deal_id, not both)")
            .min_length(1)
            .max_length(64)};
  }
};

struct Note {
  std::string id;
  std::string body;
  std::optional<std::string> contact_id;
  std::optional<std::string> deal_id;
  static auto fields() {
    return std::tuple{ah::field("id", &Note::id, "The note's id in the CRM"),
                      ah::field("body", &Note::body, "The note's text"),
                      ah::field("contact_id", &Note::contact_id, "The contact it is attached to"),
                      ah::field("deal_id", &Note::deal_id, "The deal it is attached to")};
  }
};

// What both plugins say when a call names no record to work on, so the model gets the same
// correction from either provider.
inline void require_search_criteria(const SearchContactsIn& in) {
  if (!in.email && !in.name && !in.company)
    throw ah::ToolError("give at least one of email, name or company to search contacts; "
                        "fetch_recent_leads lists contacts by when they changed");
}
inline void require_changes(const UpdateContactIn& in) {
  if (in.empty())
    throw ah::ToolError("nothing to update: give at least one of email, first_name, last_name, "
                        "company, phone or job_title");
}
inline void require_one_target(const LogNoteIn& in) {
  if (in.contact_id.has_value() == in.deal_id.has_value())
    throw ah::ToolError("give exactly one of contact_id or deal_id to attach the note to");
}
inline std::string contact_not_found(const std::string& id) {
  return "contact " + id + " not found; search_contacts finds contacts by email, name or company";
}
inline std::string deal_not_found(const std::string& id) {
  return "deal " + id + " not found; create_deal returns the id of a new deal";
}
inline std::string duplicate_email(const std::string& email, const std::string& existing_id) {
  return "a contact with email " + email + " already exists: contact " + existing_id +
         "; update_contact changes it";
}

// The words of a name search: first word and the rest (trimmed, single spaces).
struct NameWords {
  std::string first;
  std::string rest; // empty for a one-word search
};
inline NameWords split_name(const std::string& name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : name + " ") {
    if (c == ' ' || c == '\t') {
      if (!word.empty())
        words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (words.empty())
    throw ah::ToolError("name: expected at least one word");
  NameWords out{words[0], {}};
  for (size_t i = 1; i < words.size(); ++i)
    out.rest += (i > 1 ? " " : "") + words[i];
  return out;
}

} // namespace crm
