package io.aftercare.demo;

import io.aftercare.orders.Product;
import java.util.List;

/** The demo shop's fixed catalogue, agents and queues. Immutable. */
final class Catalog {
    private Catalog() {}

    /** Products with a serial number (devices) and without (accessories). */
    record Item(Product product, long priceMinor, boolean serialised, String accessoryOf) {}

    static final List<Item> ITEMS = List.of(
            device("PH-100", "Aurora 6 smartphone", "phone", 24, 69900),
            device("PH-200", "Aurora 6 Pro smartphone", "phone", 24, 99900),
            device("PH-050", "Breeze 3 smartphone", "phone", 24, 29900),
            device("LT-300", "Nimbus 14 laptop", "laptop", 24, 129900),
            device("LT-350", "Nimbus 16 Pro laptop", "laptop", 36, 219900),
            device("TB-400", "Slate 11 tablet", "tablet", 24, 49900),
            device("TV-550", "Vista 55 OLED TV", "tv", 24, 149900),
            device("TV-650", "Vista 65 OLED TV", "tv", 24, 229900),
            device("HP-700", "Echo ANC headphones", "audio", 12, 34900),
            device("SP-720", "Boom smart speaker", "audio", 12, 19900),
            device("WA-800", "Pulse 2 smartwatch", "wearable", 24, 39900),
            device("CM-900", "Focus mirrorless camera", "camera", 24, 179900),
            device("AP-110", "Brew espresso machine", "appliance", 24, 59900),
            device("AP-120", "Clean robot vacuum", "appliance", 24, 44900),
            accessory("AC-101", "Aurora 6 case", "accessory", 1999, "PH-100"),
            accessory("AC-102", "Aurora screen protector", "accessory", 1499, "PH-200"),
            accessory("AC-103", "65 W USB-C charger", "accessory", 3999, "LT-300"),
            accessory("AC-104", "Laptop sleeve 16\"", "accessory", 2999, "LT-350"),
            accessory("AC-105", "Slate pen", "accessory", 8999, "TB-400"),
            accessory("AC-106", "Wall mount 55-65\"", "accessory", 7999, "TV-550"),
            accessory("AC-107", "Soundbar cable kit", "accessory", 2499, "TV-650"),
            accessory("AC-108", "Ear cushions", "accessory", 1999, "HP-700"),
            accessory("AC-109", "Watch sport band", "accessory", 2499, "WA-800"),
            accessory("AC-110", "Camera battery", "accessory", 5999, "CM-900"),
            accessory("AC-111", "Descaler pack", "accessory", 1299, "AP-110"),
            accessory("AC-112", "Vacuum filter set", "accessory", 1799, "AP-120"));

    static final List<String[]> AGENTS = List.of(
            new String[] {"agent1", "Agent One", "Local/agent1@agents", "en"},
            new String[] {"agent2", "Agent Two", "Local/agent2@agents", "en"},
            new String[] {"agent3", "Agent Three", "Local/agent3@agents", "en"},
            new String[] {"agent4", "Agent Four", "Local/agent4@agents", "fr"},
            new String[] {"agent5", "Agent Five", "Local/agent5@agents", "de"},
            new String[] {"agent6", "Agent Six", "Local/agent6@agents", "en"});

    /** name, description, service-level seconds, short-abandon seconds, wrap-up seconds. */
    static final List<Object[]> QUEUES = List.of(
            new Object[] {"general-support", "General after-sales support", 20, 5, 60},
            new Object[] {"vip", "VIP customers", 10, 5, 90},
            new Object[] {"repairs", "Warranty and paid repairs", 30, 5, 90},
            new Object[] {"returns", "Returns and RMA", 30, 5, 60},
            new Object[] {"technical", "Technical help", 30, 5, 120},
            new Object[] {"onboarding", "New purchases: set-up help", 20, 5, 60},
            new Object[] {"supervisors", "Complaints and follow-ups", 60, 5, 120});

    static final String[] FIRST = {"Alice", "Bob", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jack",
        "Karin", "Louis", "Maria", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Ugo", "Vera", "Will",
        "Xena", "Yann", "Zoe", "Lena", "Marc", "Nina", "Oscar", "Pia", "Theo"};
    static final String[] LAST = {"Buyer", "Smith", "Martin", "Muller", "Brown", "Bernard", "Schmidt", "Taylor",
        "Dubois", "Fischer", "Wilson", "Moreau", "Weber", "Clark", "Laurent", "Wagner", "Lewis", "Simon", "Becker",
        "Walker", "Michel", "Hoffmann", "Young", "Lefebvre", "Koch", "King", "Garcia", "Roux", "Wright", "Lopez"};

    private static Item device(String sku, String name, String category, int months, long price) {
        return new Item(new Product(sku, name, category, months), price, true, null);
    }

    private static Item accessory(String sku, String name, String category, long price, String accessoryOf) {
        return new Item(new Product(sku, name, category, 0), price, false, accessoryOf);
    }
}
