package io.streamnlp.training.seed;

import java.util.List;
import java.util.Random;

/** Entity values for template slots; invented names and example domains only. */
final class SlotFillers {
    static final List<String> ENTITY_TYPES =
            List.of("PERSON", "ORG", "PRODUCT", "LOCATION", "ORDER_ID", "MONEY", "DATE", "EMAIL");

    private static final List<String> FIRST_NAMES = List.of(
            "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam",
            "Maria", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf",
            "Zoe", "Priya", "Mateo", "Chloe", "Arjun", "Sofia", "Lukas");
    private static final List<String> LAST_NAMES = List.of(
            "Smith",
            "Garcia",
            "Müller",
            "Okafor",
            "Tanaka",
            "Rossi",
            "Nowak",
            "Dubois",
            "Silva",
            "Khan",
            "Johansson",
            "Murphy",
            "Kowalski",
            "Nguyen",
            "Fischer",
            "Costa",
            "Patel",
            "Brown",
            "Jensen",
            "Moreau",
            "Haddad",
            "Ivanova",
            "Lindqvist",
            "O'Brien");
    private static final List<String> ORGS = List.of(
            "Northwind Traders",
            "Contoso",
            "Globex",
            "Initech",
            "Acme Corp",
            "Bluebird Bank",
            "DHL",
            "UPS",
            "FedEx",
            "PayPal",
            "Visa",
            "Umbrella Logistics",
            "Stark Retail",
            "Wayne Electronics",
            "Hooli",
            "Vandelay Industries",
            "Pied Piper",
            "Cyberdyne Systems",
            "Tyrell Home",
            "Oceanic Couriers");
    private static final List<String> PRODUCTS = List.of(
            "Aurora X2",
            "Nimbus Pro 3",
            "SmartHub Mini",
            "Vega 500",
            "Helix Router AX3000",
            "Orion Watch SE",
            "Lumen Desk Lamp",
            "Pulse Earbuds",
            "Titan Backpack",
            "CloudSync Premium",
            "StreamBox 4K",
            "Zephyr Blender",
            "PixelPad 11",
            "Atlas Treadmill",
            "Echo Speaker Max",
            "Nova Phone 12",
            "Breeze Air Purifier",
            "Quantum SSD 2TB",
            "Sparrow Drone",
            "Comet E-Bike");
    private static final List<String> LOCATIONS = List.of(
            "Berlin",
            "Lyon",
            "Austin",
            "New York",
            "São Paulo",
            "Toronto",
            "Manchester",
            "Osaka",
            "Melbourne",
            "Dublin",
            "Nairobi",
            "Rotterdam",
            "Warsaw",
            "Germany",
            "Canada",
            "Spain",
            "Texas",
            "Lisbon",
            "Seoul",
            "Cape Town",
            "Chicago",
            "Oslo");
    private static final List<String> MONTHS = List.of(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December");
    private static final List<String> WEEKDAYS =
            List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    private static final List<String> MAIL_DOMAINS = List.of("example.com", "example.org", "mail.example.net");

    String fill(String type, Random r) {
        return switch (type) {
            case "PERSON" -> person(r);
            case "ORG" -> pick(ORGS, r);
            case "PRODUCT" -> pick(PRODUCTS, r);
            case "LOCATION" -> pick(LOCATIONS, r);
            case "ORDER_ID" -> orderId(r);
            case "MONEY" -> money(r);
            case "DATE" -> date(r);
            case "EMAIL" -> email(r);
            default -> throw new IllegalArgumentException("unknown slot type " + type);
        };
    }

    private static String person(Random r) {
        String first = pick(FIRST_NAMES, r);
        return r.nextInt(3) == 0 ? first : first + " " + pick(LAST_NAMES, r);
    }

    private static String orderId(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "ORD-" + digits(r, 5);
            case 1 -> digits(r, 8);
            case 2 -> "AC" + digits(r, 6);
            case 3 -> "INV-" + (2021 + r.nextInt(5)) + "-" + digits(r, 4);
            default -> "#" + digits(r, 6);
        };
    }

    private static String money(Random r) {
        int whole = 5 + r.nextInt(r.nextBoolean() ? 200 : 2000);
        String cents = r.nextBoolean() ? "" : "." + digits(r, 2);
        return switch (r.nextInt(4)) {
            case 0 -> "$" + whole + cents;
            case 1 -> "€" + whole + cents;
            case 2 -> "£" + whole + cents;
            default -> whole + cents + " " + (r.nextBoolean() ? "USD" : "EUR");
        };
    }

    private static String date(Random r) {
        int day = 1 + r.nextInt(28);
        String month = pick(MONTHS, r);
        return switch (r.nextInt(5)) {
            case 0 -> month + " " + day;
            case 1 -> day + " " + month;
            case 2 -> "202" + (3 + r.nextInt(3)) + "-" + String.format("%02d-%02d", 1 + r.nextInt(12), day);
            case 3 -> pick(WEEKDAYS, r);
            default -> month + " " + day + ", 202" + (3 + r.nextInt(3));
        };
    }

    private static String email(Random r) {
        String first = pick(FIRST_NAMES, r).toLowerCase(java.util.Locale.ROOT);
        String last = pick(LAST_NAMES, r).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        String local = switch (r.nextInt(3)) {
            case 0 -> first + "." + last;
            case 1 -> first + last + (10 + r.nextInt(90));
            default -> first.charAt(0) + last;
        };
        return local + "@" + pick(MAIL_DOMAINS, r);
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
