// The CRM actions as every CRM plugin registers them: one set of names, titles, descriptions and
// annotations (the cross-provider contract an agent relies on), over each provider's functions.
#pragma once

#include <crm/crm.hpp>

namespace crm {

struct Actions {
  Contact (*create_contact)(ah::Context&, const CreateContactIn&);
  Contact (*update_contact)(ah::Context&, const UpdateContactIn&);
  ContactPage (*search_contacts)(ah::Context&, const SearchContactsIn&);
  ContactPage (*fetch_recent_leads)(ah::Context&, const FetchRecentLeadsIn&);
  Deal (*create_deal)(ah::Context&, const CreateDealIn&);
  Note (*log_note)(ah::Context&, const LogNoteIn&);
  const char* create_deal_description; // what a deal is on this provider
};

inline void register_actions(ah::Plugin& plugin, const Actions& actions) {
  plugin.action("create_contact", actions.create_contact)
      .title("Create contact")
      .description("Creates a contact. An email already in use is refused, naming the contact "
                   "that has it.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  // Setting fields to given values twice leaves the same contact: idempotent, but the values
  // replaced are gone, so destructive.
  plugin.action("update_contact", actions.update_contact)
      .title("Update contact")
      .description("Changes the given fields of a contact and returns the whole contact.")
      .read_only(false)
      .destructive(true)
      .idempotent(true)
      .open_world();
  plugin.action("search_contacts", actions.search_contacts)
      .title("Search contacts")
      .description("Finds contacts by email, name or company (all given must match), one page "
                   "at a time.")
      .read_only()
      .open_world();
  plugin.action("fetch_recent_leads", actions.fetch_recent_leads)
      .title("Fetch recent leads")
      .description("Lists contacts created or updated since a time, most recent first, one "
                   "page at a time.")
      .read_only()
      .open_world();
  plugin.action("create_deal", actions.create_deal)
      .title("Create deal")
      .description(actions.create_deal_description)
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  plugin.action("log_note", actions.log_note)
      .title("Log note")
      .description("Adds a note to a contact or a deal.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
}

} // namespace crm
