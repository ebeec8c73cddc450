<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AccountAlerts</name>
    <message>
        <source>%1, %2 — %3</source>
        <comment>new sign-in: device, place — time</comment>
        <translation>%1, %2 — %3</translation>
    </message>
    <message>
        <source>first time from this country</source>
        <translation>première connexion depuis ce pays</translation>
    </message>
    <message>
        <source>first time from %1</source>
        <comment>a country</comment>
        <translation>première connexion depuis ce pays (%1)</translation>
    </message>
    <message>
        <source>a device not seen before</source>
        <translation>un appareil jamais vu</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between flags</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>New sign-in</source>
        <translation>Nouvelle connexion</translation>
    </message>
    <message>
        <source>Signed out by support</source>
        <translation>Déconnectée par l’assistance</translation>
    </message>
    <message>
        <source>One of your sessions</source>
        <translation>Une de vos sessions</translation>
    </message>
    <message>
        <source>%1 was signed out by support.</source>
        <translation>%1 a été déconnecté par l’assistance.</translation>
    </message>
    <message>
        <source>%1 was signed out by support: %2</source>
        <translation>%1 a été déconnecté par l’assistance : %2</translation>
    </message>
    <message>
        <source>Session ended for safety</source>
        <translation>Session fermée par sécurité</translation>
    </message>
    <message>
        <source>A copy of a sign-in token was used; that session was ended.</source>
        <translation>Une copie d’un jeton de connexion a été utilisée ; cette session a été fermée.</translation>
    </message>
    <message>
        <source>Failed sign-ins</source>
        <translation>Connexions échouées</translation>
    </message>
    <message numerus="yes">
        <source>%n failed sign-in(s) to your account in the last 15 minutes. If it was not you, change your password.</source>
        <translation>
            <numerusform>%n connexion échouée sur votre compte ces 15 dernières minutes. Si ce n’était pas vous, changez votre mot de passe.</numerusform>
            <numerusform>%n connexions échouées sur votre compte ces 15 dernières minutes. Si ce n’était pas vous, changez votre mot de passe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>Cannot reach the server. Check the address and your connection, then try again.</source>
        <translation>Impossible de joindre le serveur. Vérifiez l’adresse et votre connexion, puis réessayez.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). Try again later.</source>
        <translation>
            <numerusform>Le serveur n’a pas répondu en %n seconde. Réessayez plus tard.</numerusform>
            <numerusform>Le serveur n’a pas répondu en %n secondes. Réessayez plus tard.</numerusform>
        </translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established: its certificate is not trusted or the connection was interfered with.</source>
        <translation>Impossible d’établir une connexion sécurisée avec le serveur&#xa0;: son certificat n’est pas reconnu comme fiable, ou la connexion a été interceptée.</translation>
    </message>
    <message>
        <source>The server at this address does not look like a Vigie server. Check the address.</source>
        <translation>Le serveur à cette adresse ne semble pas être un serveur Vigie. Vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>The server sent an answer this version of Vigie does not understand. Try again later, or check that the server is up to date.</source>
        <translation>Le serveur a envoyé une réponse que cette version de Vigie ne comprend pas. Réessayez plus tard, ou vérifiez que le serveur est à jour.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
    <message>
        <source>You are signed out. Please sign in again.</source>
        <translation>Votre session est fermée. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Vigie cannot remember your sign-in on this computer because no system keychain is available. You will have to sign in again next time.</source>
        <translation>Vigie ne peut pas mémoriser votre connexion sur cet ordinateur, car aucun trousseau système n’est disponible. Vous devrez vous reconnecter la prochaine fois.</translation>
    </message>
    <message>
        <source>The email address or password is incorrect.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Trop de tentatives. Veuillez patienter un instant, puis réessayer.</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was ended from another device. Please sign in again.</source>
        <translation>Votre connexion a expiré ou a été fermée depuis un autre appareil. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a pris fin. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>For your security, enter your password again to continue.</source>
        <translation>Par sécurité, saisissez à nouveau votre mot de passe pour continuer.</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>Votre compte n’est pas autorisé à effectuer cette action.</translation>
    </message>
    <message>
        <source>It no longer exists; it may already have been removed.</source>
        <translation>Cet élément n’existe plus&#xa0;; il a peut-être déjà été supprimé.</translation>
    </message>
    <message>
        <source>The server refused the request as invalid.</source>
        <translation>Le serveur a refusé la requête, qu’il juge invalide.</translation>
    </message>
    <message>
        <source>The request was too large for the server.</source>
        <translation>La requête est trop volumineuse pour le serveur.</translation>
    </message>
    <message>
        <source>The server does not support this request; it may run an incompatible version of Vigie.</source>
        <translation>Le serveur ne prend pas en charge cette requête&#xa0;; il utilise peut-être une version incompatible de Vigie.</translation>
    </message>
    <message>
        <source>The server ran into a problem (HTTP %1). Please try again later.</source>
        <translation>Le serveur a rencontré un problème (HTTP %1). Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Le serveur a refusé la requête (HTTP %1).</translation>
    </message>
    <message>
        <source>The server redirects to another address (%1). If you trust it, use that address instead.</source>
        <translation>Le serveur redirige vers une autre adresse (%1). Si vous lui faites confiance, utilisez plutôt cette adresse.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>Impossible d’établir une connexion sécurisée avec le serveur.</translation>
    </message>
    <message>
        <source>Its certificate is not signed by an authority this computer trusts (it may be self-signed). If this is your organisation&apos;s server, ask its administrator to install a trusted certificate, or install its certificate authority on this computer.</source>
        <translation>Son certificat n’est pas signé par une autorité à laquelle cet ordinateur fait confiance (il est peut-être auto-signé). S’il s’agit du serveur de votre organisation, demandez à son administrateur d’installer un certificat reconnu, ou installez son autorité de certification sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Its certificate was issued for %1, not for %2: this may not be the server you meant.</source>
        <translation>Son certificat a été émis pour %1 et non pour %2 : ce n’est peut-être pas le serveur voulu.</translation>
    </message>
    <message>
        <source>another name</source>
        <translation>un autre nom</translation>
    </message>
    <message>
        <source>Its certificate expired on %1.</source>
        <translation>Son certificat a expiré le %1.</translation>
    </message>
    <message>
        <source>Its certificate is only valid from %1: check this computer&apos;s date and time.</source>
        <translation>Son certificat n’est valable qu’à partir du %1 : vérifiez la date et l’heure de cet ordinateur.</translation>
    </message>
    <message>
        <source>Its certificate has been revoked by the authority that issued it.</source>
        <translation>Son certificat a été révoqué par l’autorité qui l’a émis.</translation>
    </message>
    <message>
        <source>Too many attempts. Please try again in %1.</source>
        <translation>Trop de tentatives. Veuillez réessayer dans %1.</translation>
    </message>
    <message>
        <source>The server refused this password as too weak.</source>
        <translation>Le serveur a refusé ce mot de passe, trop faible.</translation>
    </message>
    <message>
        <source>The server refused this password: %1</source>
        <translation>Le serveur a refusé ce mot de passe : %1</translation>
    </message>
</context>
<context>
    <name>IdleTimeoutChoices</name>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n semaine</numerusform>
            <numerusform>%n semaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (the server&apos;s maximum)</source>
        <comment>an idle period</comment>
        <translation>%1 (le maximum du serveur)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>Sign out of Vigie</source>
        <translation>Se déconnecter de Vigie</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Load the lists again</source>
        <translation>Recharger les listes</translation>
    </message>
    <message>
        <source>S&amp;witch server or account…</source>
        <translation>Changer de &amp;serveur ou de compte…</translation>
    </message>
    <message>
        <source>Sign out, then sign in to another server or with another account</source>
        <translation>Se déconnecter, puis se connecter à un autre serveur ou avec un autre compte</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>End this session on the server and forget it on this computer</source>
        <translation>Fermer cette session sur le serveur et l’oublier sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;About Vigie</source>
        <translation>À &amp;propos de Vigie</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
</context>
<context>
    <name>PasswordPromptDialog</name>
    <message>
        <source>Confirm your password</source>
        <translation>Confirmez votre mot de passe</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation>Vérification du mot de passe</translation>
    </message>
</context>
<context>
    <name>RevokeReasonDialog</name>
    <message>
        <source>Sign out this session?</source>
        <translation>Déconnecter cette session&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Reason (required; kept in the audit trail and shown to the user):</source>
        <translation>&amp;Motif (obligatoire&#xa0;; conservé dans le journal d’audit et montré à l’utilisateur)&#xa0;:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Required. Kept in the audit trail and shown to the user.</source>
        <translation>Obligatoire. Conservé dans le journal d’audit et montré à l’utilisateur.</translation>
    </message>
    <message>
        <source>For example: the user called about a phone they lost (ticket 4512).</source>
        <translation>Par exemple&#xa0;: l’utilisateur a appelé au sujet d’un téléphone perdu (ticket 4512).</translation>
    </message>
</context>
<context>
    <name>ServerUrlPolicy</name>
    <message>
        <source>Enter the address of your Vigie server.</source>
        <translation>Saisissez l’adresse de votre serveur Vigie.</translation>
    </message>
    <message>
        <source>“%1” is not a valid server address. Use the form https://vigie.example.com.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse de serveur valide. Utilisez la forme https://vigie.example.com.</translation>
    </message>
    <message>
        <source>“%1” uses plain http://, so your password and session would travel unencrypted. Use https://, or allow plain http:// for this server if you trust the network.</source>
        <translation>«&#xa0;%1&#xa0;» utilise http:// sans chiffrement&#xa0;: votre mot de passe et votre session circuleraient en clair. Utilisez https://, ou autorisez http:// pour ce serveur si vous faites confiance au réseau.</translation>
    </message>
</context>
<context>
    <name>SessionDetailsWidget</name>
    <message>
        <source>Session details</source>
        <translation>Détails de la session</translation>
    </message>
    <message>
        <source>Select a session to see its details.</source>
        <translation>Sélectionnez une session pour en voir les détails.</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Type d’appareil</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Cet appareil</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Appareil&#xa0;:</translation>
    </message>
    <message>
        <source>Browser or app:</source>
        <translation>Navigateur ou application&#xa0;:</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>Système d’exploitation&#xa0;:</translation>
    </message>
    <message>
        <source>IP address:</source>
        <translation>Adresse IP&#xa0;:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Lieu&#xa0;:</translation>
    </message>
    <message>
        <source>Last activity:</source>
        <translation>Dernière activité&#xa0;:</translation>
    </message>
    <message>
        <source>Signed in:</source>
        <translation>Connexion&#xa0;:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Expiration&#xa0;:</translation>
    </message>
    <message>
        <source>Session ID:</source>
        <translation>Identifiant de session&#xa0;:</translation>
    </message>
    <message>
        <source>Copy every detail of this session as text (Ctrl+C)</source>
        <translation>Copier tous les détails de cette session sous forme de texte (Ctrl+C)</translation>
    </message>
    <message>
        <source>Copy session details</source>
        <translation>Copier les détails de la session</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Sign out this session</source>
        <translation>Déconnecter cette session</translation>
    </message>
    <message>
        <source>Sign &amp;out this session</source>
        <translation>&amp;Déconnecter cette session</translation>
    </message>
    <message>
        <source>&amp;User-Agent:</source>
        <translation>&amp;User-Agent&#xa0;:</translation>
    </message>
    <message>
        <source>User-Agent sent by the device</source>
        <translation>User-Agent envoyé par l’appareil</translation>
    </message>
    <message>
        <source>Last seen from:</source>
        <translation>Vue en dernier depuis :</translation>
    </message>
    <message>
        <source>Unusual sign-in:</source>
        <translation>Connexion inhabituelle :</translation>
    </message>
    <message>
        <source>Give this device a name of your own (F2)</source>
        <translation>Donner un nom à cet appareil (F2)</translation>
    </message>
    <message>
        <source>Rename this device</source>
        <translation>Renommer cet appareil</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>You do not recognise this sign-in: sign it out and secure your account</source>
        <translation>Vous ne reconnaissez pas cette connexion : la déconnecter et protéger votre compte</translation>
    </message>
    <message>
        <source>Not me: sign out and secure the account</source>
        <translation>Ce n’est pas moi : déconnecter et protéger le compte</translation>
    </message>
    <message>
        <source>&amp;Not me…</source>
        <translation>Ce n’est &amp;pas moi…</translation>
    </message>
</context>
<context>
    <name>SessionDisplay</name>
    <message>
        <source>%1 on %2</source>
        <comment>browser on operating system</comment>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Unknown browser</source>
        <translation>Navigateur inconnu</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Tablet</source>
        <translation>Tablette</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Robot</translation>
    </message>
    <message>
        <source>Desktop app</source>
        <translation>Application de bureau</translation>
    </message>
    <message>
        <source>Unknown device</source>
        <translation>Appareil inconnu</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>city, country</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Local network</source>
        <translation>Réseau local</translation>
    </message>
    <message>
        <source>Unknown location</source>
        <translation>Lieu inconnu</translation>
    </message>
    <message>
        <source>Active now</source>
        <translation>À l’instant</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>Il y a %n minute</numerusform>
            <numerusform>Il y a %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>Il y a %n heure</numerusform>
            <numerusform>Il y a %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>browser on system, place</comment>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>environ %n minute</numerusform>
            <numerusform>environ %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>environ %n heure</numerusform>
            <numerusform>environ %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>the user&apos;s name for a session · its browser and system</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>New device</source>
        <comment>badge of a session signed in from a device not seen before</comment>
        <translation>Nouvel appareil</translation>
    </message>
    <message>
        <source>New country</source>
        <comment>badge of a session signed in from a new country</comment>
        <translation>Nouveau pays</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>place (IP address)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>SessionsWidget</name>
    <message>
        <source>Your sessions</source>
        <translation>Vos sessions</translation>
    </message>
    <message>
        <source>Where you are signed in</source>
        <translation>Vos sessions ouvertes</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Chargement</translation>
    </message>
    <message>
        <source>Load the list again (F5)</source>
        <translation>Recharger la liste (F5)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Filter sessions</source>
        <translation>Filtrer les sessions</translation>
    </message>
    <message>
        <source>Filter by device, browser, place or IP address (Ctrl+F)</source>
        <translation>Filtrer par appareil, navigateur, lieu ou adresse IP (Ctrl+F)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>One row per device signed in to your account. Press Delete to sign out the selected session.</source>
        <translation>Une ligne par appareil connecté à votre compte. Appuyez sur Suppr pour déconnecter la session sélectionnée.</translation>
    </message>
    <message>
        <source>Only this device is signed in. If you sign in somewhere else, it will appear here.</source>
        <translation>Seul cet appareil est connecté. Si vous vous connectez ailleurs, la session apparaîtra ici.</translation>
    </message>
    <message>
        <source>Sign out all other sessions</source>
        <translation>Déconnecter toutes les autres sessions</translation>
    </message>
    <message>
        <source>Sign out every session except this device</source>
        <translation>Déconnecter toutes les sessions sauf cet appareil</translation>
    </message>
    <message>
        <source>Sign out &amp;all other sessions</source>
        <translation>Déconnecter &amp;toutes les autres sessions</translation>
    </message>
</context>
<context>
    <name>SignInWidget</name>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Vigie logo</source>
        <translation>Logo de Vigie</translation>
    </message>
    <message>
        <source>Sign in to Vigie</source>
        <translation>Se connecter à Vigie</translation>
    </message>
    <message>
        <source>See where your account is signed in, and sign out the devices you do not recognise.</source>
        <translation>Voyez où votre compte est connecté et déconnectez les appareils que vous ne reconnaissez pas.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>The address of your Vigie server, for example https://vigie.example.com</source>
        <translation>L’adresse de votre serveur Vigie, par exemple https://vigie.example.com</translation>
    </message>
    <message>
        <source>https://vigie.example.com</source>
        <translation>https://vigie.example.com</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Adresse &amp;e-mail&#xa0;:</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>vous@example.com</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Allow an unencrypted connection to this server</source>
        <translation>Autoriser une connexion non chiffrée à ce serveur</translation>
    </message>
    <message>
        <source>&amp;Allow an unencrypted connection to this server</source>
        <translation>&amp;Autoriser une connexion non chiffrée à ce serveur</translation>
    </message>
    <message>
        <source>Keep me signed in</source>
        <translation>Rester connecté</translation>
    </message>
    <message>
        <source>Remember the sign-in in the system keychain, so that Vigie opens without asking for the password.</source>
        <translation>Mémoriser la connexion dans le trousseau du système, pour que Vigie s’ouvre sans demander le mot de passe.</translation>
    </message>
    <message>
        <source>&amp;Keep me signed in</source>
        <translation>&amp;Rester connecté</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Connexion en cours</translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>Se &amp;connecter</translation>
    </message>
</context>
<context>
    <name>SupportWidget</name>
    <message>
        <source>Support</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>Account &amp;email:</source>
        <translation>&amp;E-mail du compte&#xa0;:</translation>
    </message>
    <message>
        <source>Email address of the account to look up</source>
        <translation>Adresse e-mail du compte à rechercher</translation>
    </message>
    <message>
        <source>user@example.com</source>
        <translation>utilisateur@example.com</translation>
    </message>
    <message>
        <source>Look up the account</source>
        <translation>Rechercher le compte</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Chargement</translation>
    </message>
    <message>
        <source>Enter the email address of the account the user is calling about. Every look-up is recorded in the audit trail, and the user can see it.</source>
        <translation>Saisissez l’adresse e-mail du compte au sujet duquel l’utilisateur appelle. Chaque recherche est enregistrée dans le journal d’audit, et l’utilisateur peut la voir.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Save this account&apos;s sessions and audit trail to a file for a ticket</source>
        <translation>Enregistrer les sessions et le journal d’audit de ce compte dans un fichier, pour un ticket</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Sessions of this account</source>
        <translation>Sessions de ce compte</translation>
    </message>
    <message>
        <source>Press Delete to sign out the selected session; you will be asked for a reason.</source>
        <translation>Appuyez sur Suppr pour déconnecter la session sélectionnée&#xa0;; un motif vous sera demandé.</translation>
    </message>
    <message>
        <source>This account is not signed in anywhere.</source>
        <translation>Ce compte n’est connecté nulle part.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <source>Filter the audit trail</source>
        <translation>Filtrer le journal d’audit</translation>
    </message>
    <message>
        <source>Filter by event, person, IP address or reason</source>
        <translation>Filtrer par événement, personne, adresse IP ou motif</translation>
    </message>
    <message>
        <source>Audit trail of this account</source>
        <translation>Journal d’audit de ce compte</translation>
    </message>
    <message>
        <source>Sessions and audit trail</source>
        <translation>Sessions et journal d’audit</translation>
    </message>
</context>
<context>
    <name>vigie::client::AccountSession</name>
    <message>
        <source>Wait until the current sign-in or sign-out has finished, then try again.</source>
        <translation>Attendez la fin de la connexion ou de la déconnexion en cours, puis réessayez.</translation>
    </message>
    <message>
        <source>Your saved sign-in was not found. Please sign in again.</source>
        <translation>Votre connexion mémorisée est introuvable. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>You signed out this device.</source>
        <translation>Vous avez déconnecté cet appareil.</translation>
    </message>
    <message>
        <source>You were signed out: this session was ended from another device, or it expired.</source>
        <translation>Votre session a pris fin&#xa0;: elle a été fermée depuis un autre appareil, ou elle a expiré.</translation>
    </message>
    <message>
        <source>You are signed out on this computer, but the server could not be told. The session will end when it expires, or revoke it from another device.</source>
        <translation>La session est fermée sur cet ordinateur, mais le serveur n’a pas pu en être informé. Elle prendra fin à son expiration&#xa0;; vous pouvez aussi la révoquer depuis un autre appareil.</translation>
    </message>
</context>
<context>
    <name>vigie::client::ApiClient</name>
    <message>
        <source>en</source>
        <comment>The language code (BCP 47) of this translation, such as fr or pt-BR: the server names places in it.</comment>
        <translation>fr</translation>
    </message>
</context>
<context>
    <name>vigie::client::AuditEventModel</name>
    <message>
        <source>Signed in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Failed sign-in attempt</source>
        <translation>Tentative de connexion échouée</translation>
    </message>
    <message>
        <source>Sign-in renewed</source>
        <translation>Connexion renouvelée</translation>
    </message>
    <message>
        <source>Stolen sign-in token detected; session ended</source>
        <translation>Jeton de connexion volé détecté&#xa0;; session fermée</translation>
    </message>
    <message>
        <source>Password confirmed</source>
        <translation>Mot de passe confirmé</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Session revoked</source>
        <translation>Session révoquée</translation>
    </message>
    <message>
        <source>Signed out of other sessions</source>
        <translation>Autres sessions déconnectées</translation>
    </message>
    <message>
        <source>Looked up by support</source>
        <translation>Consulté par l’assistance</translation>
    </message>
    <message>
        <source>Session expired</source>
        <translation>Session expirée</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>Session %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>Signed out by support</source>
        <translation>Déconnectée par l’assistance</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) on your account were signed out by support, the latest on %1 at %2.</source>
        <translation>
            <numerusform>%n session de votre compte a été fermée par l’assistance, la dernière le %1 à %2.</numerusform>
            <numerusform>%n sessions de votre compte ont été fermées par l’assistance, la dernière le %1 à %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>A session on your account was signed out by support on %1 at %2.</source>
        <translation>Une session de votre compte a été fermée par l’assistance le %1 à %2.</translation>
    </message>
    <message>
        <source>A session on your account was signed out by support on %1 at %2. Reason given: “%3”.</source>
        <translation>Une session de votre compte a été fermée par l’assistance le %1 à %2. Motif indiqué : « %3 ».</translation>
    </message>
    <message>
        <source>Support staff</source>
        <translation>Équipe d’assistance</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Utilisateur %1</translation>
    </message>
    <message>
        <source>Searched for the account</source>
        <translation>Recherche du compte</translation>
    </message>
    <message>
        <source>Viewed the sessions</source>
        <translation>Consultation des sessions</translation>
    </message>
    <message>
        <source>Viewed the activity</source>
        <translation>Consultation de l’activité</translation>
    </message>
    <message>
        <source>Wrong password when confirming it again</source>
        <translation>Mauvais mot de passe lors de sa confirmation</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>which device an event was about — its reason</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Device renamed</source>
        <translation>Appareil renommé</translation>
    </message>
    <message>
        <source>Security settings changed</source>
        <translation>Réglages de sécurité modifiés</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Mot de passe modifié</translation>
    </message>
</context>
<context>
    <name>vigie::client::SessionListModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>place (region)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Browser or app</source>
        <translation>Navigateur ou application</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Connexion</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::AccountSecurityDialog</name>
    <message>
        <source>Idle sessions</source>
        <translation>Sessions inactives</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>Confirm the new password</source>
        <translation>Confirmer le nouveau mot de passe</translation>
    </message>
    <message>
        <source>Sign &amp;out of all other sessions</source>
        <translation>&amp;Déconnecter toutes les autres sessions</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>&amp;Changer le mot de passe</translation>
    </message>
    <message>
        <source>Account security</source>
        <translation>Sécurité du compte</translation>
    </message>
    <message>
        <source>End sessions after inactivity of</source>
        <translation>Fermer les sessions après une inactivité de</translation>
    </message>
    <message>
        <source>&amp;End sessions after inactivity of:</source>
        <translation>&amp;Fermer les sessions après une inactivité de :</translation>
    </message>
    <message>
        <source>A device that has not used your account for this long is signed out and needs the password again; this applies at once to every session, the ones signed in now included.</source>
        <translation>Un appareil qui n’a pas utilisé votre compte depuis cette durée est déconnecté et devra saisir à nouveau le mot de passe ; cela s’applique immédiatement à toutes les sessions, y compris celles ouvertes en ce moment.</translation>
    </message>
    <message>
        <source>A new password needs 8 to 1024 characters, must differ from the current one, and must not be a common password.</source>
        <translation>Un nouveau mot de passe doit compter de 8 à 1024 caractères, être différent de l’actuel et ne pas être un mot de passe courant.</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>Mot de passe &amp;actuel :</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nouveau mot de passe :</translation>
    </message>
    <message>
        <source>Con&amp;firm new password:</source>
        <translation>Con&amp;firmer le nouveau mot de passe :</translation>
    </message>
    <message>
        <source>Could not read your settings: %1</source>
        <translation>Impossible de lire vos réglages : %1</translation>
    </message>
    <message>
        <source>Saved: sessions now end after %1 without activity.</source>
        <translation>Enregistré : les sessions se ferment désormais après %1 sans activité.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>The new password needs %1 to %2 characters; it has %3.</source>
        <translation>Le nouveau mot de passe doit compter de %1 à %2 caractères ; il en a %3.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>Le nouveau mot de passe doit être différent de l’actuel.</translation>
    </message>
    <message>
        <source>The two new passwords differ; type the same one twice.</source>
        <translation>Les deux nouveaux mots de passe diffèrent ; saisissez deux fois le même.</translation>
    </message>
    <message numerus="yes">
        <source>Your password has been changed, and %n other session(s) were signed out.</source>
        <translation>
            <numerusform>Votre mot de passe a été changé, et %n autre session a été déconnectée.</numerusform>
            <numerusform>Votre mot de passe a été changé, et %n autres sessions ont été déconnectées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your password has been changed. No other session was signed in.</source>
        <translation>Votre mot de passe a été changé. Aucune autre session n’était ouverte.</translation>
    </message>
    <message>
        <source>Your password has been changed. Your other sessions stay signed in.</source>
        <translation>Votre mot de passe a été changé. Vos autres sessions restent ouvertes.</translation>
    </message>
    <message>
        <source>Your current password is not correct.</source>
        <translation>Votre mot de passe actuel est incorrect.</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::ActivityWidget</name>
    <message>
        <source>Sign-ins, sign-outs and support look-ups on your account, newest first.</source>
        <translation>Connexions, déconnexions et consultations par l’assistance sur votre compte, les plus récentes d’abord.</translation>
    </message>
    <message>
        <source>Your account&apos;s activity</source>
        <translation>Activité de votre compte</translation>
    </message>
    <message>
        <source>This server does not offer the activity of your account (it may run an older version of Vigie).</source>
        <translation>Ce serveur ne propose pas l’activité de votre compte (il utilise peut-être une version plus ancienne de Vigie).</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Export your activity</source>
        <translation>Exporter votre activité</translation>
    </message>
    <message>
        <source>Activity as &amp;CSV…</source>
        <translation>Activité en &amp;CSV…</translation>
    </message>
    <message>
        <source>Activity and sessions as &amp;JSON…</source>
        <translation>Activité et sessions en &amp;JSON…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export your activity and sessions</source>
        <translation>Exporter votre activité et vos sessions</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Fichier enregistré : %1</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::CommandLine</name>
    <message>
        <source>unknown language &quot;%1&quot; (available: %2)</source>
        <translation>langue inconnue «&#xa0;%1&#xa0;» (disponibles&#xa0;: %2)</translation>
    </message>
    <message>
        <source>See where your Vigie account is signed in, and sign out the devices you do not recognise.</source>
        <translation>Voyez où votre compte Vigie est connecté et déconnectez les appareils que vous ne reconnaissez pas.</translation>
    </message>
    <message>
        <source>The Vigie server to sign in to.</source>
        <translation>Le serveur Vigie auquel se connecter.</translation>
    </message>
    <message>
        <source>The language of the interface: en or fr (default: the system&apos;s).</source>
        <translation>La langue de l’interface&#xa0;: en ou fr (par défaut&#xa0;: celle du système).</translation>
    </message>
    <message>
        <source>light or dark: Fusion with that palette instead of the system&apos;s.</source>
        <translation>light ou dark&#xa0;: le style Fusion avec cette palette au lieu de celle du système.</translation>
    </message>
    <message>
        <source>unknown theme &quot;%1&quot; (light or dark)</source>
        <translation>thème inconnu «&#xa0;%1&#xa0;» (light ou dark)</translation>
    </message>
    <message>
        <source>Start in the system tray, without opening the window (when there is a tray).</source>
        <translation>Démarrer dans la zone de notification, sans ouvrir la fenêtre (s’il y en a une).</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::DesktopNotifier</name>
    <message>
        <source>This desktop has no notification service or system tray, so Vigie shows alerts about your account here, in its window, only while the window is open.</source>
        <translation>Ce bureau n’a ni service de notifications ni zone de notification : Vigie affiche donc les alertes sur votre compte ici, dans sa fenêtre, seulement tant qu’elle est ouverte.</translation>
    </message>
    <message>
        <source>Open Vigie</source>
        <translation>Ouvrir Vigie</translation>
    </message>
    <message>
        <source>It was me</source>
        <translation>C’était moi</translation>
    </message>
    <message>
        <source>Not me – sign it out</source>
        <translation>Pas moi – la déconnecter</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::Icons</name>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::MainWindow</name>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Sessions</translation>
    </message>
    <message>
        <source>Su&amp;pport</source>
        <translation>Assis&amp;tance</translation>
    </message>
    <message>
        <source>Where your account is signed in</source>
        <translation>Où votre compte est connecté</translation>
    </message>
    <message>
        <source>Look up a user&apos;s sessions and audit trail (support staff)</source>
        <translation>Consulter les sessions et le journal d’audit d’un utilisateur (équipe d’assistance)</translation>
    </message>
    <message>
        <source>Signed in as &lt;b&gt;%1&lt;/b&gt; (%2) on %3</source>
        <translation>Compte&#xa0;: &lt;b&gt;%1&lt;/b&gt; (%2) sur %3</translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation>La déconnexion a bien été effectuée.</translation>
    </message>
    <message>
        <source>%1 — Vigie</source>
        <translation>%1 — Vigie</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Vigie %1&lt;/h3&gt;&lt;p&gt;See where your account is signed in, and sign out the devices you do not recognise.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Vigie %1&lt;/h3&gt;&lt;p&gt;Voyez où votre compte est connecté et déconnectez les appareils que vous ne reconnaissez pas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Qt %1 (built with Qt %2)&lt;/p&gt;</source>
        <translation>&lt;p&gt;Qt %1 (compilé avec Qt %2)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Server: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Serveur&#xa0;: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not signed in.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Aucune session ouverte.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Vigie</source>
        <translation>À propos de Vigie</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Ac&amp;tivity</source>
        <translation>Ac&amp;tivité</translation>
    </message>
    <message>
        <source>What happened on your account, including support look-ups</source>
        <translation>Ce qui s’est passé sur votre compte, y compris les consultations par l’assistance</translation>
    </message>
    <message>
        <source>Account &amp;security…</source>
        <translation>&amp;Sécurité du compte…</translation>
    </message>
    <message>
        <source>How soon idle sessions end, and your password</source>
        <translation>Quand les sessions inactives se ferment, et votre mot de passe</translation>
    </message>
    <message numerus="yes">
        <source>Password changed; %n other session(s) signed out.</source>
        <translation>
            <numerusform>Mot de passe changé ; %n autre session déconnectée.</numerusform>
            <numerusform>Mot de passe changé ; %n autres sessions déconnectées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Vigie keeps watching</source>
        <translation>Vigie continue de veiller</translation>
    </message>
    <message>
        <source>Vigie stays in the system tray and tells you about new sign-ins. To quit, choose Quit Vigie in its menu.</source>
        <translation>Vigie reste dans la zone de notification et vous signale les nouvelles connexions. Pour quitter, choisissez Quitter Vigie dans son menu.</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::MessageBanner</name>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::NotMeFlow</name>
    <message>
        <source>Sign out that session now?</source>
        <translation>Déconnecter cette session maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Sign out %1 (%2, %3) now?</source>
        <translation>Déconnecter %1 (%2, %3) maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Not you?</source>
        <translation>Ce n’est pas vous&#xa0;?</translation>
    </message>
    <message>
        <source>Sign it out</source>
        <translation>La déconnecter</translation>
    </message>
    <message>
        <source>If you do not recognise this sign-in, someone else may know your password. Vigie signs that session out, then helps you change your password and check what is still signed in.</source>
        <translation>Si vous ne reconnaissez pas cette connexion, quelqu’un d’autre connaît peut-être votre mot de passe. Vigie déconnecte cette session, puis vous aide à changer de mot de passe et à vérifier ce qui reste connecté.</translation>
    </message>
    <message>
        <source>For your security, enter the password of %1 again to sign out the session you do not recognise.</source>
        <translation>Par sécurité, saisissez à nouveau le mot de passe de %1 pour déconnecter la session que vous ne reconnaissez pas.</translation>
    </message>
    <message>
        <source>Could not sign that session out: %1</source>
        <translation>Impossible de déconnecter cette session : %1</translation>
    </message>
    <message>
        <source>That session is signed out.</source>
        <translation>Cette session est déconnectée.</translation>
    </message>
    <message>
        <source>%1 is signed out.</source>
        <translation>%1 est déconnecté.</translation>
    </message>
    <message>
        <source>Change your password?</source>
        <translation>Changer votre mot de passe&#xa0;?</translation>
    </message>
    <message>
        <source>%1 Change your password now?</source>
        <translation>%1 Changer votre mot de passe maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Changer le mot de passe…</translation>
    </message>
    <message>
        <source>Whoever signed in there knew your password. A new one, with every other session signed out, keeps them out.</source>
        <translation>La personne connectée là connaissait votre mot de passe. Un nouveau mot de passe, avec toutes les autres sessions déconnectées, l’empêche de revenir.</translation>
    </message>
    <message>
        <source>These are the sessions still signed in: sign out any other you do not recognise.</source>
        <translation>Voici les sessions encore ouvertes : déconnectez toute autre que vous ne reconnaissez pas.</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::PasswordPromptDialog</name>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirmer</translation>
    </message>
    <message>
        <source>For your security, enter the password of %1 again to continue.</source>
        <translation>Par sécurité, saisissez à nouveau le mot de passe de %1 pour continuer.</translation>
    </message>
    <message>
        <source>For your security, enter your password again to continue.</source>
        <translation>Par sécurité, saisissez à nouveau votre mot de passe pour continuer.</translation>
    </message>
    <message>
        <source>That password is not correct. Try again.</source>
        <translation>Ce mot de passe est incorrect. Réessayez.</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::RenameSessionDialog</name>
    <message>
        <source>Name this device</source>
        <translation>Nommer cet appareil</translation>
    </message>
    <message>
        <source>&amp;Name for %1:</source>
        <translation>&amp;Nom pour %1 :</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>For example: Work laptop</source>
        <translation>Par exemple : Portable du travail</translation>
    </message>
    <message>
        <source>Up to %1 characters. Leave it empty to show the device instead.</source>
        <translation>Jusqu’à %1 caractères. Laissez vide pour afficher l’appareil à la place.</translation>
    </message>
    <message>
        <source>The server refused this name. A name can have up to %1 characters and no control characters.</source>
        <translation>Le serveur a refusé ce nom. Un nom compte au plus %1 caractères, sans caractère de contrôle.</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::RevokeReasonDialog</name>
    <message>
        <source>Sign &amp;out session</source>
        <translation>&amp;Déconnecter la session</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SessionDetailsWidget</name>
    <message>
        <source>%1 at %2</source>
        <comment>date at time</comment>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>device (type)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>(none sent)</source>
        <translation>(aucun envoyé)</translation>
    </message>
    <message>
        <source>Sign &amp;out this device</source>
        <translation>&amp;Déconnecter cet appareil</translation>
    </message>
    <message>
        <source>Sign &amp;out this session</source>
        <translation>&amp;Déconnecter cette session</translation>
    </message>
    <message>
        <source>Sign out this device</source>
        <translation>Déconnecter cet appareil</translation>
    </message>
    <message>
        <source>Sign out this session</source>
        <translation>Déconnecter cette session</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>relative time (date and time)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>caption: value</comment>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Cet appareil</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Browser or app</source>
        <translation>Navigateur ou application</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d’exploitation</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <source>Session ID</source>
        <translation>Identifiant de session</translation>
    </message>
    <message>
        <source>User-Agent</source>
        <translation>User-Agent</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between flags</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Last seen from</source>
        <translation>Vue en dernier depuis</translation>
    </message>
    <message>
        <source>Unusual sign-in</source>
        <translation>Connexion inhabituelle</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SessionTableProxyModel</name>
    <message>
        <source>This device</source>
        <translation>Cet appareil</translation>
    </message>
    <message>
        <source>%1, this device</source>
        <translation>%1, cet appareil</translation>
    </message>
    <message>
        <source>%1 — this is the device you are using now</source>
        <translation>%1 — c’est l’appareil que vous utilisez en ce moment</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>cell text, badge</comment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SessionsWidget</name>
    <message>
        <source>Sign &amp;out this session</source>
        <translation>&amp;Déconnecter cette session</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Could not refresh the list: %1 The list below is from %2 and may be out of date.</source>
        <translation>Impossible d’actualiser la liste&#xa0;: %1 La liste ci-dessous date de %2 et n’est peut-être plus à jour.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Could not load your sessions: %1</source>
        <translation>Impossible de charger vos sessions&#xa0;: %1</translation>
    </message>
    <message>
        <source>Out of date: the server could not be reached.</source>
        <translation>Pas à jour&#xa0;: le serveur est injoignable.</translation>
    </message>
    <message>
        <source>One row per device signed in to your account. Press Delete to sign out the selected session.</source>
        <translation>Une ligne par appareil connecté à votre compte. Appuyez sur Suppr pour déconnecter la session sélectionnée.</translation>
    </message>
    <message>
        <source>Updated at %1 (out of date)</source>
        <translation>Dernière mise à jour à %1 (périmée)</translation>
    </message>
    <message>
        <source>Updated at %1</source>
        <translation>Mis à jour à %1</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out &amp;all other sessions (%1)</source>
        <translation>Déconnecter &amp;toutes les autres sessions (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Sign out all %n other session(s)</source>
        <translation>
            <numerusform>Déconnecter %n autre session</numerusform>
            <numerusform>Déconnecter les %n autres sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign &amp;out this device</source>
        <translation>&amp;Déconnecter cet appareil</translation>
    </message>
    <message>
        <source>Sign out this device?</source>
        <translation>Déconnecter cet appareil&#xa0;?</translation>
    </message>
    <message>
        <source>Sign out Vigie on this device?</source>
        <translation>Déconnecter Vigie sur cet appareil&#xa0;?</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>This is the session you are using now. You will need your password to sign in again.</source>
        <translation>C’est la session que vous utilisez en ce moment. Il vous faudra votre mot de passe pour vous reconnecter.</translation>
    </message>
    <message>
        <source>Sign out this session?</source>
        <translation>Déconnecter cette session&#xa0;?</translation>
    </message>
    <message>
        <source>Sign out %1 (%2, %3)?</source>
        <translation>Déconnecter %1 (%2, %3)&#xa0;?</translation>
    </message>
    <message>
        <source>Sign out session</source>
        <translation>Déconnecter la session</translation>
    </message>
    <message>
        <source>Whoever uses that session will have to sign in again with the password.</source>
        <translation>La personne qui utilise cette session devra se reconnecter avec le mot de passe.</translation>
    </message>
    <message>
        <source>Signed out %1.</source>
        <translation>Session «&#xa0;%1&#xa0;» déconnectée.</translation>
    </message>
    <message>
        <source>For your security, enter the password of %1 again to sign out %2.</source>
        <translation>Par sécurité, saisissez à nouveau le mot de passe de %1 pour déconnecter %2.</translation>
    </message>
    <message>
        <source>That session had already ended.</source>
        <translation>Cette session était déjà fermée.</translation>
    </message>
    <message>
        <source>Sign out all other sessions?</source>
        <translation>Déconnecter toutes les autres sessions&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>Sign out %n other session(s)?</source>
        <translation>
            <numerusform>Déconnecter %n autre session&#xa0;?</numerusform>
            <numerusform>Déconnecter %n autres sessions&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out others</source>
        <translation>Déconnecter les autres</translation>
    </message>
    <message>
        <source>Only this device will stay signed in. Whoever uses the other sessions will have to sign in again with the password.</source>
        <translation>Seul cet appareil restera connecté. Les personnes qui utilisent les autres sessions devront se reconnecter avec le mot de passe.</translation>
    </message>
    <message numerus="yes">
        <source>Signed out %n other session(s).</source>
        <translation>
            <numerusform>%n autre session déconnectée.</numerusform>
            <numerusform>%n autres sessions déconnectées.</numerusform>
        </translation>
    </message>
    <message>
        <source>For your security, enter the password of %1 again to sign out all other sessions.</source>
        <translation>Par sécurité, saisissez à nouveau le mot de passe de %1 pour déconnecter toutes les autres sessions.</translation>
    </message>
    <message>
        <source>View acti&amp;vity</source>
        <translation>Voir l’acti&amp;vité</translation>
    </message>
    <message>
        <source>No session matches “%1”.</source>
        <translation>Aucune session ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Only this device is signed in. If you sign in somewhere else, it will appear here.</source>
        <translation>Seul cet appareil est connecté. Si vous vous connectez ailleurs, la session apparaîtra ici.</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Not me…</source>
        <translation>Ce n’est &amp;pas moi…</translation>
    </message>
    <message>
        <source>%1 shows its device again.</source>
        <translation>%1 affiche de nouveau son appareil.</translation>
    </message>
    <message>
        <source>Renamed to “%1”.</source>
        <translation>Renommé en « %1 ».</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>alert title: text</comment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>&amp;Not me – sign it out</source>
        <translation>&amp;Pas moi – la déconnecter</translation>
    </message>
    <message>
        <source>It &amp;was me</source>
        <translation>C’é&amp;tait moi</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SignInWidget</name>
    <message>
        <source>Signing you in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>%1 uses plain http://: your password and session would cross the network unencrypted, readable and changeable by anyone on the way. Use https:// if the server supports it.</source>
        <translation>%1 utilise http:// sans chiffrement&#xa0;: votre mot de passe et votre session traverseraient le réseau en clair, lisibles et modifiables par quiconque se trouve sur le trajet. Utilisez https:// si le serveur le permet.</translation>
    </message>
    <message>
        <source>&amp;Allow an unencrypted connection to %1</source>
        <translation>&amp;Autoriser une connexion non chiffrée à %1</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and your connection, then try again.</source>
        <translation>Impossible de joindre le serveur %1. Vérifiez l’adresse et votre connexion, puis réessayez.</translation>
    </message>
    <message>
        <source>You can try to sign in again now.</source>
        <translation>Vous pouvez de nouveau essayer de vous connecter.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. You can try again in %1.</source>
        <translation>Trop de tentatives de connexion. Vous pourrez réessayer dans %1.</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SupportExport</name>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Browser or app</source>
        <translation>Navigateur ou application</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Last activity (local time)</source>
        <translation>Dernière activité (heure locale)</translation>
    </message>
    <message>
        <source>Signed in (local time)</source>
        <translation>Connexion (heure locale)</translation>
    </message>
    <message>
        <source>Time (local time)</source>
        <translation>Heure (heure locale)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Support staff</source>
        <translation>Équipe d’assistance</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <comment>name &lt;email&gt;</comment>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’exportation</translation>
    </message>
</context>
<context>
    <name>vigie::widgets::SupportWidget</name>
    <message>
        <source>support staff</source>
        <translation>assistance</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>Sign &amp;out this session…</source>
        <translation>&amp;Déconnecter cette session…</translation>
    </message>
    <message>
        <source>&amp;Sessions as CSV…</source>
        <translation>&amp;Sessions en CSV…</translation>
    </message>
    <message>
        <source>&amp;Audit trail as CSV…</source>
        <translation>&amp;Journal d’audit en CSV…</translation>
    </message>
    <message>
        <source>Sessions and audit trail as &amp;JSON…</source>
        <translation>Sessions et journal d’audit en &amp;JSON…</translation>
    </message>
    <message>
        <source>Export sessions</source>
        <translation>Exporter les sessions</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Exporter le journal d’audit</translation>
    </message>
    <message>
        <source>Export sessions and audit trail</source>
        <translation>Exporter les sessions et le journal d’audit</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Enter the email address of the account to look up.</source>
        <translation>Saisissez l’adresse e-mail du compte à rechercher.</translation>
    </message>
    <message>
        <source>No account uses the email address %1.</source>
        <translation>Aucun compte n’utilise l’adresse e-mail %1.</translation>
    </message>
    <message>
        <source>Your account is not allowed to look up other accounts.</source>
        <translation>Votre compte n’est pas autorisé à consulter d’autres comptes.</translation>
    </message>
    <message>
        <source>That account no longer exists.</source>
        <translation>Ce compte n’existe plus.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</source>
        <comment>name · email · role</comment>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>name (email)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sign out %1 (%2, %3) of %4? Whoever uses that session will have to sign in again.</source>
        <translation>Déconnecter la session %1 (%2, %3) de %4&#xa0;? La personne qui l’utilise devra se reconnecter.</translation>
    </message>
    <message>
        <source>Signed out %1. The reason is in the audit trail.</source>
        <translation>Session «&#xa0;%1&#xa0;» déconnectée. Le motif figure dans le journal d’audit.</translation>
    </message>
    <message>
        <source>For your security, enter the password of %1 again to sign out this session.</source>
        <translation>Par sécurité, saisissez à nouveau le mot de passe de %1 pour déconnecter cette session.</translation>
    </message>
    <message>
        <source>That session had already ended.</source>
        <translation>Cette session était déjà fermée.</translation>
    </message>
    <message>
        <source>Look up an account first.</source>
        <translation>Recherchez d’abord un compte.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Fichier enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sessions and audit trail</source>
        <translation>Sessions et journal d’audit</translation>
    </message>
    <message numerus="yes">
        <source>S&amp;essions (%n)</source>
        <translation>
            <numerusform>S&amp;essions (%n)</numerusform>
            <numerusform>S&amp;essions (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A&amp;udit trail (%n)</source>
        <translation>
            <numerusform>&amp;Journal d’audit (%n)</numerusform>
            <numerusform>&amp;Journal d’audit (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigie::widgets::TrayIcon</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Impossible de supprimer %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>&amp;Open Vigie</source>
        <translation>&amp;Ouvrir Vigie</translation>
    </message>
    <message>
        <source>&amp;Start at login</source>
        <translation>&amp;Démarrer à l’ouverture de session</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Démarrer à l’ouverture de session</translation>
    </message>
    <message>
        <source>&amp;Quit Vigie</source>
        <translation>&amp;Quitter Vigie</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>Veille sur %1</translation>
    </message>
    <message>
        <source>Vigie — not signed in</source>
        <translation>Vigie — non connecté</translation>
    </message>
    <message>
        <source>Vigie — watching %1</source>
        <translation>Vigie — veille sur %1</translation>
    </message>
</context>
</TS>
