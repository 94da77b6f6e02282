// Registration of the Salesforce plugin: the shared CRM actions (plugins/shared/crm/actions.hpp).
#include "actions.hpp"

#include <crm/actions.hpp>

AH_PLUGIN("salesforce", "1.0.0", "Salesforce", "Salesforce: contacts, opportunities and notes") {
  using namespace salesforce;
  crm::register_actions(plugin, {create_contact, update_contact, search_contacts,
                                 fetch_recent_leads, create_deal, log_note,
                                 "Creates a deal (an opportunity), associated with the given "
                                 "contacts."});
}
