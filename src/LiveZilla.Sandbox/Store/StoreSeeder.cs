namespace LiveZilla.Sandbox.Store;

/// <summary>Builds the initial state: a fresh install, optionally with realistic, reproducible tickets.</summary>
internal static class StoreSeeder
{
    /// <summary>End of the generated history: 2026-11-01 00:00:00 UTC, fixed so that seeds are reproducible.</summary>
    internal static readonly long HistoryEnd = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly string[] ExtraGroups = ["sales", "billing", "technik", "vip"];

    private static readonly string[] Names =
    [
        "J\u00f6rg M\u00fcller", "Zo\u00eb \u00d8degaard", "\u738b\u82b3",
        "\u0395\u03bb\u03ad\u03bd\u03b7 \u03a0\u03b1\u03c0\u03b1\u03b4\u03bf\u03c0\u03bf\u03cd\u03bb\u03bf\u03c5",
        "Jos\u00e9 \u00c1lvarez", "\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432", "John Smith", "Am\u00e9lie Dubois", "S\u00f8ren Kierkegaard",
        "\u0645\u062d\u0645\u062f \u0639\u0644\u064a", "Fran\u00e7oise L'Or\u00e9al", "Priya Sharma", "Ng\u00f4 Th\u1ecb H\u01b0\u01a1ng", "",
        "Bj\u00f6rk Gu\u00f0mundsd\u00f3ttir",
    ];

    private static readonly string[] Companies =
        ["", "", "ACME GmbH", "M\u00fcller & S\u00f6hne KG", "Globex Corp.", "\u682a\u5f0f\u4f1a\u793e\u30c6\u30b9\u30c8", "Initech / Support"];

    private static readonly string[] Subjects =
    [
        "Login funktioniert nicht", "Rechnung #4711 \u2013 falscher Betrag", "Password reset \ud83d\udd11", "\u914d\u9001\u306b\u3064\u3044\u3066",
        "Probl\u00e8me de connexion", "Refund request \ud83d\udcb8", "Bestellung storniert?", "App crashes on start \ud83d\ude21",
        "Question about \"Pro\" plan",
        "", "Re: Your order 2024/11/05", "Lieferung besch\u00e4digt \ud83d\udce6",
    ];

    private static readonly string[] Texts =
    [
        "Hallo,\nich kann mich seit gestern nicht mehr anmelden. Fehlermeldung: \"Ung\u00fcltiges Passwort\".\nGr\u00fc\u00dfe",
        "Hi, the invoice shows \u20ac 129,00 but the offer said \u20ac 99,00. Can you check? \ud83d\ude4f",
        "Bonjour, l'application se ferme imm\u00e9diatement apr\u00e8s le d\u00e9marrage. Version 2.3.1 / Android 14.",
        "\u3053\u3093\u306b\u3061\u306f\u3001\u6ce8\u6587\u3057\u305f\u5546\u54c1\u304c\u307e\u3060\u5c4a\u3044\u3066\u3044\u307e\u305b\u3093\u3002",
        "Please see <b>attached</b> screenshot. Path: C:\\Users\\me\\AppData / ~/.config/app",
        "Ich m\u00f6chte meine Bestellung stornieren. Bestellnummer 2024-11-0815.",
        "Need help ASAP!!! \ud83d\ude31\ud83d\ude31 Our shop is down since 08:00.",
        "Could you send me the \u00abterms & conditions\u00bb as PDF? Thanks \ud83d\ude0a",
        "\u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435! " +
        "\u041d\u0435 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442 \u043e\u043f\u043b\u0430\u0442\u0430 \u043a\u0430\u0440\u0442\u043e\u0439.",
        "Tab\tseparated\tvalues and a line\r\nbreak, plus a backslash \\ and a slash /.",
    ];

    private static readonly string[] Replies =
    [
        "Thank you for your message. We have reset your password; please check your inbox.",
        "Vielen Dank f\u00fcr Ihre Nachricht! Wir haben die Rechnung korrigiert. \u2705",
        "Merci, nous avons transmis votre demande \u00e0 l'\u00e9quipe technique.",
        "We are looking into it and will get back to you within 24h. \ud83d\udd27",
        "\u3054\u9023\u7d61\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002\u78ba\u8a8d\u3044\u305f\u3057\u307e\u3059\u3002",
    ];

    private static readonly string[] CommentTexts =
        ["Customer called twice", "VIP \u2013 handle with care \u2b50", "Escalated to 2nd level", "Duplicate of an earlier ticket?"];

    private static readonly string[] Languages = ["EN", "EN", "DE", "DE", "FR", "ES", "JA", ""];

    private static readonly string[] Tags = ["", "", "", "vip", "refund,billing", "bug", "shipping,urgent"];

    /// <summary>Group <c>support</c> and the administrator: what a fresh install has.</summary>
    public static void SeedFreshInstall(SandboxStore store, SandboxOptions options)
    {
        store.AddGroup("support");
        store.AddOperator(new OperatorRecord
        {
            SystemId = "sysadmin01",
            UserId = options.User,
            Firstname = "Ada",
            Lastname = "Admin",
            Email = "admin@example.test",
            Language = "EN",
            Webspace = 100,
            Groups = ["support"],
            Level = 0,
            Roles = "admin_permission",
            PasswordMd5 = SandboxStore.Md5Hex(options.Password),
        });
    }

    /// <summary>More groups, operators with and without the API permission, a bot, custom inputs, a knowledge base and chats.</summary>
    public static void SeedDirectory(SandboxStore store)
    {
        foreach (string g in ExtraGroups) store.AddGroup(g);
        store.AddCustomInput("CustomerNumber");
        store.AddCustomInput("Product");
        string secret1 = SandboxStore.Md5Hex("secret1");
        store.AddOperator(new OperatorRecord
        {
            SystemId = "sysapiuser", UserId = "apiuser", Firstname = "Api", Lastname = "User", Email = "api@example.test",
            Groups = ["support", "sales"], Roles = "admin_permission", PasswordMd5 = secret1,
        });
        store.AddOperator(new OperatorRecord
        {
            SystemId = "sysnoapi01", UserId = "noapi", Firstname = "No", Lastname = "Api", Email = "noapi@example.test",
            Groups = ["support"], Roles = "", PasswordMd5 = secret1,
        });
        store.AddOperator(new OperatorRecord
        {
            SystemId = "sysjdoe001", UserId = "jdoe", Firstname = "John", Lastname = "Doe", Email = "jdoe@example.test",
            Groups = ["support", "billing"], Roles = "admin_permission", OnlineStatus = 0, Skills = "billing,refunds", Location = "Berlin",
            PasswordMd5 = secret1,
        });
        store.AddOperator(new OperatorRecord
        {
            SystemId = "sysmmuell1", UserId = "mmueller", Firstname = "Maria", Lastname = "M\u00fcller", Email = "mmueller@example.test", Language = "DE",
            Groups = ["technik", "support"], Roles = "admin_permission", OnlineStatus = 3, Description = "2nd level \u2013 Technik", PasswordMd5 = secret1,
        });
        store.AddOperator(new OperatorRecord
        {
            SystemId = "syszoe0001", UserId = "zoe", Firstname = "Zo\u00eb", Lastname = "\u00d8degaard", Email = "zoe@example.test",
            Groups = ["sales", "vip"], Roles = "admin_permission", OnlineStatus = 1, PasswordMd5 = secret1,
        });
        store.AddOperator(new OperatorRecord
        {
            SystemId = "syskbot001", UserId = "kbot", Firstname = "Knowledge", Lastname = "Bot", Email = "bot@example.test",
            Groups = ["support"], Roles = "admin_permission", IsBot = true, OnlineStatus = 0, PasswordMd5 = secret1,
        });

        store.AddKnowledgeBaseEntry(new KnowledgeBaseEntryRecord
        {
            Id = "kbfaq000000000000000000000000001", Title = "FAQ", Value = "FAQ",
            Type = 0, ParentId = "", IsPublic = true, OwnerId = "sysadmin01",
        });
        store.AddKnowledgeBaseEntry(new KnowledgeBaseEntryRecord
        {
            Id = "kbint000000000000000000000000002", Title = "Internal", Value = "Internal",
            Type = 0, ParentId = "", IsPublic = false, OwnerId = "sysadmin01",
        });
        store.AddKnowledgeBaseEntry(new KnowledgeBaseEntryRecord
        {
            Id = "kbpwd000000000000000000000000003", Title = "How do I reset my password?", Value = "<p>Use the \u201cForgot password\u201d link.</p>",
            Type = 1, ParentId = "kbfaq000000000000000000000000001", IsPublic = true,
            Tags = "password,login", Languages = "en", OwnerId = "sysadmin01", AllowBotAccess = true,
        });
        store.AddKnowledgeBaseEntry(new KnowledgeBaseEntryRecord
        {
            Id = "kbesc000000000000000000000000004", Title = "Escalation matrix", Value = "https://intranet.example.test/escalation",
            Type = 2, ParentId = "kbint000000000000000000000000002", IsPublic = false, OwnerId = "sysjdoe001",
        });

        for (int i = 0; i < 3; i++)
        {
            var chat = new ChatRecord
            {
                ChatId = store.NextChatId(),
                TimeStart = HistoryEnd - (3 - i) * 86400,
                TimeEnd = HistoryEnd - (3 - i) * 86400 + 600,
                Language = i == 1 ? "DE" : "EN",
                OperatorId = i == 1 ? "sysmmuell1" : "sysjdoe001",
                Group = "support",
                Fullname = Names[i],
                Email = $"visitor{i}@example.test",
                Question = Subjects[i],
                Country = i == 1 ? "DE" : "GB",
                IP = $"203.0.113.{10 + i}",
            };
            chat.Posts.Add(new ChatPostRecord($"post{i}a", chat.TimeStart + 5, "visitor", Texts[i]));
            chat.Posts.Add(new ChatPostRecord($"post{i}b", chat.TimeStart + 60, chat.OperatorId, Replies[i]));
            store.AddChat(chat);
        }
    }

    /// <summary>Size of the burst every seed of at least <see cref="BigBurstMinimumSeed"/> tickets has: more than a small page.</summary>
    internal const int BigBurstSize = 12;

    /// <summary>The smallest seed that gets the guaranteed big burst, a third of the way in.</summary>
    internal const int BigBurstMinimumSeed = 3 * BigBurstSize;

    /// <summary>
    /// Generates <paramref name="count"/> tickets; the same count and seed always give the same data. With
    /// <paramref name="bursts"/>, runs of consecutive tickets share their first message's second.
    /// </summary>
    public static void SeedTickets(SandboxStore store, int count, int randomSeed, long? firstTicketId, bool bursts = true)
    {
        if (count <= 0) return;
        var rng = new Random(randomSeed);
        // Bursts draw from their own generator, so switching them off leaves every other seeded value as it was.
        Random? burstRng = bursts ? new Random(unchecked(randomSeed * 31 + 7)) : null;
        bool bigBurstDue = bursts && count >= BigBurstMinimumSeed;
        int burstLeft = 0;
        long burstTime = 0;
        long id = firstTicketId ?? Math.Max(SandboxStore.DefaultFirstTicketId, 100000 - count / 2);
        OperatorRecord[] agents = store.Operators.Where(o => !o.IsBot && Api.LoginGuard.HasApiPermission(o)).ToArray();
        string[] groups = store.Groups.ToArray();
        bool hasCustoms = store.CustomInputs.Contains("CustomerNumber");
        const long averageGap = 900;
        long start = HistoryEnd - count * averageGap;

        for (int i = 0; i < count; i++, id++)
        {
            // Now and then an id is used up by a failed create.
            if (i > 0 && rng.Next(200) == 0) id++;
            int channel = Pick(rng, [40, 35, 10, 5, 7, 3]);
            string group = groups[rng.Next(groups.Length)];
            string salt = Hex(rng, 16);
            var ticket = new TicketRecord(id, group, salt, store.TicketHash(id))
            {
                Channel = channel,
                SubChannel = channel switch { 1 => "support@example.test", 2 => "Hotline", _ => "" },
                Language = Languages[rng.Next(Languages.Length)],
                Tags = Tags[rng.Next(Tags.Length)],
            };
            // A few tickets never got their first message: invisible to lists, purged by maintenance.
            if (rng.Next(400) == 0)
            {
                store.RestoreTicket(ticket);
                continue;
            }
            long created = start + i * averageGap + rng.Next(600);
            // E-mail imports arrive with the mail's older date, out of id order.
            if (rng.Next(50) == 0) created -= rng.Next(3600, 60 * 86400);
            if (burstLeft > 0)
            {
                created = burstTime;
                burstLeft--;
            }
            else
            {
                created = store.AllocateCreated(created);
                int burst = burstRng is null ? 1 : NextBurstSize(burstRng);
                if (bigBurstDue && i >= count / 3)
                {
                    burst = BigBurstSize;
                    bigBurstDue = false;
                }
                burstTime = created;
                burstLeft = burst - 1;
            }

            string customer = Names[rng.Next(Names.Length)];
            string email = $"customer{rng.Next(100000)}@example.test";
            int messageCount = 1 + (rng.Next(10) < 6 ? 1 : 0) + (rng.Next(10) < 2 ? 1 : 0);
            var messages = new TicketMessageRecord[messageCount];
            OperatorRecord agent = agents[rng.Next(agents.Length)];
            long time = created;
            for (int m = 0; m < messageCount; m++)
            {
                bool outgoing = m > 0 && rng.Next(3) != 0;
                if (m > 0) time = store.AllocateCreated(time + rng.Next(300, 2 * 86400));
                var comments = new List<CommentRecord>();
                if (rng.Next(10) == 0) comments.Add(new CommentRecord(Hex(rng, 16), time, agent.UserId, CommentTexts[rng.Next(CommentTexts.Length)]));
                var customs = new List<KeyValuePair<string, string>>();
                if (m == 0 && hasCustoms && rng.Next(7) == 0)
                    customs.Add(new("CustomerNumber", "C" + rng.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                messages[m] = new TicketMessageRecord
                {
                    Id = m == 0 ? ticket.IdString : Hex(rng, 16),
                    TicketId = ticket.IdString,
                    Created = time,
                    Edited = time,
                    Fullname = outgoing ? "" : customer,
                    Company = outgoing ? "" : Companies[rng.Next(Companies.Length)],
                    Phone = channel == 2 && !outgoing ? "+49 30 " + rng.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                    Email = email,
                    IP = channel is 0 or 4 && !outgoing ? $"198.51.100.{rng.Next(1, 255)}" : "",
                    SenderUserId = outgoing ? agent.SystemId : "",
                    Text = outgoing ? Replies[rng.Next(Replies.Length)] : Texts[rng.Next(Texts.Length)],
                    Type = outgoing ? 1 : channel == 1 ? 3 : 0,
                    CallMeBack = channel == 2 && rng.Next(4) == 0,
                    ChannelId = Hex(rng, 16),
                    Subject = m == 0 ? Subjects[rng.Next(Subjects.Length)] : "",
                    Comments = comments,
                    Customs = customs,
                };
            }
            ticket.Messages = messages;
            ticket.LastUpdated = time;
            int editorRoll = rng.Next(100);
            if (editorRoll >= 20)
            {
                long status = Pick(rng, [30, 25, 35, 3, 7]);
                // Widget and e-mail tickets can have an editor row without an operator.
                string? op = editorRoll < 23 ? null : agent.SystemId;
                ticket.Editor = new EditorRecord(op, op is null ? 0 : status, status == 4 && op is not null ? "Waiting for customer" : "");
                ticket.LastUpdated = time + rng.Next(1, 3600);
            }
            ticket.WaitBegin = SandboxStore.ComputeWaitBegin(messages, ticket.Editor);
            store.RestoreTicket(ticket);
        }
        store.SetNextTicketId(id);
    }

    /// <summary>1 (no burst) for most tickets; about one in 100 starts a burst of 2-7, and one burst in 8 is a big one.</summary>
    private static int NextBurstSize(Random burstRng)
    {
        if (burstRng.Next(100) != 0) return 1;
        return burstRng.Next(8) == 0 ? BigBurstSize : burstRng.Next(2, 8);
    }

    private static int Pick(Random rng, int[] weights)
    {
        int roll = rng.Next(weights.Sum());
        for (int i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private static string Hex(Random rng, int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        rng.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
