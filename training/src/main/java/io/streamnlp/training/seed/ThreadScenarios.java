package io.streamnlp.training.seed;

import java.util.List;

/**
 * Ticket threads for the summarization set: the customer's problem and the agent's resolution sit in
 * the middle of a thread that opens with greetings and background, as real threads do.
 */
final class ThreadScenarios {
    private ThreadScenarios() {}

    record Scenario(String problem, String detail, String finding, String resolution, String summary) {}

    static final List<String> GREETINGS = List.of(
            "Hi support team, I hope you are doing well.",
            "Hello, this is {PERSON} writing again.",
            "Good morning and thanks for reading this.",
            "Hi there, I hope your week is going fine.",
            "Dear customer service, I hope this message finds you well.");
    static final List<String> BACKGROUND = List.of(
            "I have been a customer for many years and usually everything works without problems.",
            "I am writing about something that has bothered me for a while now.",
            "I already tried the help pages but could not find an answer there.",
            "My colleague suggested that I contact you directly about this.",
            "I do not usually write to support, so please bear with me.");
    static final List<String> AGENT_OPENERS = List.of(
            "Agent: Thank you for reaching out and sorry for the trouble.",
            "Agent: Thanks for the details, I have looked into your case.",
            "Agent: I understand how annoying this must be.");
    static final List<String> CLOSINGS = List.of(
            "Customer: Thank you, that works for me.",
            "Customer: Great, thanks for the quick help.",
            "Customer: Okay, I will wait for the confirmation then.",
            "Agent: Is there anything else I can help you with today?");

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario(
                    "My order {ORDER_ID} has not arrived although it was due on {DATE}.",
                    "The tracking page has shown the same status for a whole week.",
                    "Agent: The courier {ORG} confirmed that the parcel was lost at their depot.",
                    "Agent: We have shipped a replacement by express delivery at no cost to you.",
                    "Order {ORDER_ID} was lost by the courier; a free express replacement was shipped."),
            new Scenario(
                    "I was charged {MONEY} twice for my {PRODUCT} subscription this month.",
                    "Both charges appear on my credit card statement with the same date.",
                    "Agent: Our billing system processed the renewal twice because of a timeout.",
                    "Agent: The duplicate charge of {MONEY} has been refunded and should appear within five days.",
                    "The customer was charged twice for the {PRODUCT} subscription; the duplicate {MONEY} was refunded."),
            new Scenario(
                    "I cannot log in to my account because the password reset email never arrives.",
                    "I checked the spam folder of {EMAIL} several times.",
                    "Agent: The address on your account had a typo, so the emails bounced.",
                    "Agent: I corrected the address to {EMAIL} and sent a new reset link.",
                    "Password reset emails bounced because of a typo in the account email; the address was corrected and a new link sent."),
            new Scenario(
                    "My {PRODUCT} keeps restarting every few minutes since the latest update.",
                    "I already tried turning it off and on again and resetting the network settings.",
                    "Agent: This is a known bug in the latest firmware for the {PRODUCT}.",
                    "Agent: Please install the hotfix released today, which solves the restart loop.",
                    "The {PRODUCT} restarts repeatedly after a firmware update; a hotfix released today fixes the bug."),
            new Scenario(
                    "I returned the {PRODUCT} on {DATE} but I still have not received my refund of {MONEY}.",
                    "The return was confirmed by email the day it arrived at your warehouse.",
                    "Agent: The refund was stuck because the original payment card had expired.",
                    "Agent: We sent the {MONEY} by bank transfer instead, it should arrive in two days.",
                    "The refund of {MONEY} for the returned {PRODUCT} was stuck on an expired card and was sent by bank transfer."),
            new Scenario(
                    "The {PRODUCT} I ordered arrived with a cracked screen.",
                    "The box itself looked fine, so the damage must have happened before packing.",
                    "Agent: I am sorry, this unit should not have passed our quality check.",
                    "Agent: A new {PRODUCT} is on its way and the courier will collect the broken one.",
                    "The {PRODUCT} arrived with a cracked screen; a new unit was sent and the broken one will be collected."),
            new Scenario(
                    "Someone logged into my account from {LOCATION} and changed my shipping address.",
                    "I have never been to {LOCATION} and I did not make these changes.",
                    "Agent: We locked your account and cancelled the pending order to the new address.",
                    "Agent: Please set a new password and turn on two-factor authentication.",
                    "An unauthorized login from {LOCATION} changed the shipping address; the account was locked and the pending order cancelled."),
            new Scenario(
                    "I would like to know whether the {PRODUCT} works with an iPhone.",
                    "The product page only mentions Android and Windows.",
                    "Agent: The {PRODUCT} works with iPhones through the companion app.",
                    "Agent: You can download the app from the App Store and pair the device in two steps.",
                    "The customer asked whether the {PRODUCT} supports iPhone; it does, through the companion app."),
            new Scenario(
                    "My invoice {ORDER_ID} shows a late fee of {MONEY} although I paid on time.",
                    "I paid on {DATE}, two days before the due date.",
                    "Agent: Your payment was received on time but was booked late by our bank.",
                    "Agent: The late fee has been removed and a corrected invoice was emailed to you.",
                    "A late fee of {MONEY} on invoice {ORDER_ID} was charged in error; it was removed and a corrected invoice sent."),
            new Scenario(
                    "My parcel {ORDER_ID} is stuck at customs in {LOCATION}.",
                    "The customs office asks for an invoice that I never received.",
                    "Agent: The commercial invoice was missing from the shipping documents.",
                    "Agent: We have sent the invoice to the customs office and to {EMAIL}.",
                    "Parcel {ORDER_ID} was held at customs in {LOCATION} for a missing invoice, which has now been sent."),
            new Scenario(
                    "We are moving our office to {LOCATION} and need to update the billing address.",
                    "The next invoice should already go to the new address.",
                    "Agent: I have updated the billing address on your company account.",
                    "Agent: All future invoices, starting with next month, will show the {LOCATION} address.",
                    "The company's billing address was updated to {LOCATION} for all future invoices."),
            new Scenario(
                    "The {PRODUCT} app shows error 500 every time I try to sync my data.",
                    "Syncing worked fine until {DATE}.",
                    "Agent: One of our sync servers failed during maintenance that day.",
                    "Agent: The server has been restored and your data will sync automatically tonight.",
                    "Syncing in the {PRODUCT} app failed with error 500 after a server outage; the server was restored."));
}
