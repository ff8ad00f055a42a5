/**
 * What generated people are drawn from: French first and family names (accents, hyphens,
 * apostrophes), the deliberate Dupont homonyms, personal mail domains, entities and the
 * secret questions with their answers.
 */

export const MALE = [
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Raphaël', 'Arthur', 'Jules', 'Adam', 'Léo', 'Nathan',
  'Théo', 'Noah', 'Mathis', 'Éthan', 'Timothée', 'Maël', 'Jean-Baptiste', 'Pierre-Louis',
  'Jean-François', 'Benoît', 'Jérôme', 'François', 'Loïc', 'Gaël', 'Mohamed', 'Youssef', 'Karim',
  'Mamadou', 'Thomas', 'Antoine', 'Nicolas', 'Julien', 'Olivier', 'Stéphane', 'Sébastien',
  'Clément', 'Aurélien', 'Grégoire', 'Hervé', 'Noé', 'Côme', 'Baptiste', 'Victor', 'Martin',
  'Anh', 'Ismaël', 'Joël', 'Rémi', 'Valentin', 'Yanis',
] as const;
export const FEMALE = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Léa', 'Manon', 'Inès', 'Zoé', 'Lina', 'Anaïs',
  'Maëlle', 'Éloïse', 'Héloïse', 'Agathe', 'Océane', 'Mélanie', 'Hélène', 'Cécile', 'Françoise',
  'Anne-Sophie', 'Marie-Claire', 'Marie-Ève', 'Fatoumata', 'Aïcha', 'Khadija', 'Salomé',
  'Clémence', 'Bérénice', 'Noémie', 'Juliette', 'Camille', 'Lætitia', 'Capucine', 'Margaux',
  'Sarah', 'Yasmine', 'Thu', 'Gwenaëlle', 'Solène',
] as const;
export const FAMILY = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux',
  'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert',
  'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin',
  'Müller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont',
  'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer',
  'Denis', 'Lemaire', 'Duval', 'Joly', 'Noël', 'Meyer', 'Meunier', 'Pérez', 'Marchand', 'Dufour',
  'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez',
  'Renard', 'Arnaud', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Lemoine',
  'Picard', 'Gaillard', 'Lacroix', 'Fabre', 'Dupuis', 'Da Silva', 'Hubert', 'Rivière', 'Le Gall',
  'Guillaume', 'Ménard', 'Fleury', 'Deschamps', 'Prévost', 'Carré', 'Rémy', "N'Diaye",
  "d'Almeida", "N'Guessan", 'Diallo', 'Traoré', 'Koné', 'Ben Ali', 'Haddad', 'Trần', 'Lecœur',
  "L'Hôte", 'Desprès', 'Le Bihan', 'Kerhervé', 'Çelik', 'Saint-Just',
] as const;
export const DUPONTS: ReadonlyArray<[string, 'M.' | 'Mme']> = [
  ['Martin', 'M.'],
  ['Camille', 'Mme'],
  ['Camille', 'M.'],
];
export const MAIL_DOMAINS = ['gmail.com', 'laposte.net', 'orange.fr', 'free.fr', 'outlook.fr', 'yahoo.fr', 'proton.me'];
export const ENTITIES_STUDENT = ['UFR-SCI', 'UFR-LET', 'UFR-DROIT', 'UFR-MED', 'IUT-INFO', 'UFR-STAPS'];
export const ENTITIES_STAFF = ['DSI', 'BU', 'SCOL', 'DRH', 'DAF', 'UFR-SCI', 'UFR-LET', 'COMM'];
export const QUESTIONS: ReadonlyArray<[string, readonly string[]]> = [
  ['Nom de votre premier animal de compagnie ?', ['Médor', 'Félix', 'Caramel', 'Noisette', 'Réglisse']],
  ['Ville de naissance de votre mère ?', ['Saint-Étienne', 'Brest', 'Besançon', 'Lille', "L'Haÿ-les-Roses"]],
  ['Nom de votre école primaire ?', ['Jules Ferry', 'Les Tilleuls', 'Jean Jaurès', 'Pierre et Marie Curie']],
  ['Prénom de votre meilleur ami d’enfance ?', ['Benoît', 'Zoé', 'Maël', 'Anaïs']],
];
